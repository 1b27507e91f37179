"""wirewatch: news articles in, a sourced and geolocated record of political events out."""

__version__ = "0.1.0"
