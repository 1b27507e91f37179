"""The dashboard in a real browser: Debian's Chromium, headless, driven by Playwright (which downloads no
browser; it is pointed at the system one). The server is the real app (``create_app``) on uvicorn, on a free
loopback port, over a corpus of sample articles, three linked stories and one article full of markup.

What is checked: the page loads with no console error, no failed request and no request to another host;
the map shows markers and country outlines; clicking a marker lists its events; brushing the timeline
filters the lists and the map to the brushed days (the counts equal the API's for those days); a claim
shows its chain, stance and the sources that corroborate or contradict it; in the article view every
<mark> holds exactly text[start:end] of the stored document; markup in an article never runs.
The run writes docs/img/dashboard.png (the screenshot in the README).

Chromium comes from ``bash dev/chromium`` (dev/test runs it); without it these tests are skipped, except under
CI=true, where a guard test fails instead.
"""

from __future__ import annotations

import calendar
import json
import os
import shutil
import socket
import threading
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from conftest import REPO
from wirewatch.cli import cli, register_subcommands

register_subcommands()
SAMPLES = REPO / "samples"
SCREENSHOT = Path(os.environ.get("WIREWATCH_SCREENSHOT", REPO / "docs" / "img" / "dashboard.png"))
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--disable-dev-shm-usage"]
XSS = "window.__xss=1"
XSS_TEXT = ("Police fired tear gas at protesters in Nairobi on Monday, the interior ministry said. "
            f"<script>{XSS}</script> Witnesses said <img src=x onerror=\"{XSS}\"> officers beat demonstrators, "
            f"a spokesman told <a href=\"javascript:{XSS}\">Radio Umoja</a>. "
            f"\"We <svg onload=\"{XSS}\">deny</svg> everything,\" the ministry said. See javascript:{XSS} too.")
XSS_TITLE = f"<img src=x onerror=\"{XSS}\">Nairobi <script>{XSS}</script> march"
XSS_SOURCE = f"<b onmouseover=\"{XSS}\">Umoja</b> Wire"


def chromium_path() -> str | None:
    found = os.environ.get("WIREWATCH_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    return found if found and os.access(found, os.X_OK) else None


def playwright_available() -> bool:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return False
    return True


def test_ci_runs_the_browser_tests() -> None:
    if os.environ.get("CI") == "true" and (chromium_path() is None or not playwright_available()):
        pytest.fail("CI must run the dashboard's browser tests (dev/test installs Chromium with dev/chromium)")


needs_browser = pytest.mark.skipif(chromium_path() is None or not playwright_available(),
                                   reason="no Chromium or Playwright (bash dev/chromium installs Chromium)")

# -- the corpus and the server ---------------------------------------------------------------------------
@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("dashboard")
    db = folder / "dash.db"
    extra = folder / "markup.jsonl"
    extra.write_text(json.dumps({"text": XSS_TEXT, "title": XSS_TITLE, "source": XSS_SOURCE,
                                 "published": "2024-07-15", "url": f"javascript:{XSS}"}) + "\n")
    inputs = [*sorted(str(p) for p in (SAMPLES / "articles").glob("0[1-8]-*.txt")),
              *(str(SAMPLES / "linked" / s) for s in ("01-gao-drone-strikes", "02-georgia-sanctions",
                                                       "05-tunis-journalist-arrests")),
              str(extra)]
    r = CliRunner().invoke(cli, ["ingest", *inputs, "--db", str(db), "--jobs", "1", "--quiet"],
                           catch_exceptions=False)
    assert r.exit_code == 0, r.output
    return db


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def server(corpus: Path) -> Iterator[str]:
    import uvicorn

    from wirewatch.serve import create_app

    port = free_port()
    config = uvicorn.Config(create_app(str(corpus)), host="127.0.0.1", port=port, log_level="warning",
                            access_log=False)
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        assert thread.is_alive() and time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(10)


def api(base: str, path: str, **params: Any) -> Any:
    query = urllib.parse.urlencode({k: v for k, v in params.items() if v is not None})
    with urllib.request.urlopen(f"{base}{path}{'?' + query if query else ''}", timeout=30) as r:
        return json.loads(r.read())


def api_all(base: str, path: str, **params: Any) -> list[dict[str, Any]]:
    page = api(base, path, _size=1000, **params)
    rows = list(page["rows"])
    while page["next"]:
        page = api(base, path, _size=1000, _next=page["next"], **params)
        rows += page["rows"]
    return rows


# -- the browser -----------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if chromium_path() is None or not playwright_available():
        pytest.skip("no Chromium or Playwright (bash dev/chromium installs Chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        # launch() gives the browser a fresh temporary profile (--user-data-dir) of its own
        b = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS, headless=True)
        yield b
        b.close()


class Watch:
    """What a page did: console errors, uncaught exceptions, dialogs, failed or outside requests."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.outside: list[str] = []
        self.failed: list[str] = []
        self.requests: list[str] = []

    def clean(self) -> None:
        assert not self.errors, self.errors
        assert not self.dialogs, self.dialogs
        assert not self.outside, self.outside
        assert not self.failed, self.failed


@pytest.fixture
def page(browser: Any, server: str) -> Iterator[tuple[Any, Watch]]:
    ctx = browser.new_context(viewport={"width": 1400, "height": 860}, service_workers="block")
    watch = Watch(server)
    origin = urllib.parse.urlsplit(server).netloc

    def route(r: Any) -> None:
        url = r.request.url
        watch.requests.append(url)
        if urllib.parse.urlsplit(url).netloc != origin:
            watch.outside.append(url)
            r.abort()
        else:
            r.continue_()

    ctx.route("**/*", route)
    pg = ctx.new_page()
    pg.on("console", lambda m: watch.errors.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    pg.on("pageerror", lambda e: watch.errors.append(f"pageerror: {e}"))
    pg.on("requestfailed", lambda r: watch.failed.append(f"{r.url} {r.failure}"))
    pg.on("response", lambda r: watch.failed.append(f"{r.url} {r.status}") if r.status >= 400 else None)

    def on_dialog(d: Any) -> None:
        watch.dialogs.append(f"{d.type}: {d.message}")
        d.dismiss()

    pg.on("dialog", on_dialog)
    yield pg, watch
    ctx.close()


def loaded(pg: Any) -> None:
    """Wait until the dashboard has fetched and drawn what its filters ask for."""
    pg.wait_for_selector("#events-count[data-count]", state="attached")
    pg.wait_for_function("() => !document.body.dataset.loading && document.getElementById('map').dataset.pins")


def count(pg: Any, what: str) -> int:
    return int(pg.get_attribute(f"#{what}-count", "data-count"))


# -- the tests -------------------------------------------------------------------------------------------
@needs_browser
def test_dashboard_loads_offline_with_markers_and_outlines(page: tuple[Any, Watch], server: str) -> None:
    pg, watch = page
    response = pg.goto(server + "/")
    assert response.status == 200
    csp = response.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "default-src 'none'" in csp
    loaded(pg)
    pg.wait_for_function("() => document.querySelectorAll('path.ww-country').length > 150")
    events, incidents = api_all(server, "/api/events"), api_all(server, "/api/incidents")
    claims = api_all(server, "/api/claims")
    assert count(pg, "events") == len(events) > 50
    assert count(pg, "incidents") == len(incidents) > 10
    assert count(pg, "claims") == len(claims) > 50
    placed = [e for e in events if e["place"] and e["place"]["lat"] is not None]
    assert int(pg.get_attribute("#map", "data-markers")) == len(placed)
    assert pg.locator(".leaflet-marker-icon").count() > 3
    # the filter menus come from /api/facets
    facets = api(server, "/api/facets")["facets"]
    assert pg.locator("#f-type option").count() == len(facets["event_type"]) + 1
    assert pg.locator("#f-source option").count() == len(facets["source"]) + 1
    # every file came from this server, and there is no tile layer
    assert watch.requests and all(u.startswith(server) for u in watch.requests)
    assert any("/static/vendor/world/countries-110m.geojson" in u for u in watch.requests)
    assert pg.locator(".leaflet-tile").count() == 0
    # the map and the timeline switch to incidents
    pg.click(".seg button[data-layer='incidents']")
    pg.wait_for_function("() => location.hash.includes('layer=incidents')")
    placed_incidents = [h for h in incidents if h["place"] and h["place"]["lat"] is not None]
    pg.wait_for_function(f"() => document.getElementById('map').dataset.markers === '{len(placed_incidents)}'")
    assert pg.locator(".leaflet-marker-icon").count() > 0
    assert pg.text_content("#tl-title") == "Incidents over time"
    watch.clean()


@needs_browser
def test_clicking_a_marker_lists_its_events(page: tuple[Any, Watch], server: str) -> None:
    pg, watch = page
    pg.goto(server + "/")
    loaded(pg)
    pins = pg.locator(".leaflet-marker-icon.ww-pin")
    for _ in range(6):  # everything may be clustered: open clusters until a single pin shows
        if pins.count():
            break
        pg.locator(".marker-cluster").first.click()
        pg.wait_for_timeout(700)
    # the first pin that nothing covers (a cluster may overlap a pin's edge)
    free = pg.evaluate("""() => [...document.querySelectorAll('.leaflet-marker-icon.ww-pin')].findIndex(p => {
        const r = p.getBoundingClientRect();
        const e = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
        return e && p.contains(e); })""")
    assert free >= 0
    pin = pins.nth(free)
    place = pin.locator("span").get_attribute("data-place")
    n = int(pin.locator("span").get_attribute("data-count"))
    pin.click()
    pg.wait_for_selector("#tab-selection.on .event-card")
    cards = pg.locator("#selection .event-card")
    assert cards.count() == n
    events = {e["id"]: e for e in api_all(server, "/api/events")}
    for i in range(n):
        e = events[cards.nth(i).get_attribute("data-id")]
        assert e["place"]["name"] == place
        # the card shows its trigger in bold and links to the article view of that event
        assert cards.nth(i).locator(".quote b").first.text_content() == e["trigger"]["text"]
        href = cards.nth(i).locator("a.open-article").get_attribute("href")
        assert href == f"#view=article&id={e['article_id']}&focus={e['event_id']}"
    assert pg.text_content("#selection .sel-head").startswith(place)
    watch.clean()


def drag(pg: Any, selector: str, x0: float, x1: float) -> None:
    box = pg.locator(selector).bounding_box()
    y = box["y"] + box["height"] / 2
    pg.mouse.move(x0, y)
    pg.mouse.down()
    pg.mouse.move((x0 + x1) / 2, y, steps=4)
    pg.mouse.move(x1, y, steps=4)
    pg.mouse.up()


@needs_browser
def test_brushing_the_timeline_filters_map_and_lists(page: tuple[Any, Watch], server: str) -> None:
    pg, watch = page
    pg.goto(server + "/")
    loaded(pg)
    total = count(pg, "events")
    # brush the middle third of the days that have events (the brush area maps the axis domain linearly)
    days = [r["day"] for r in api(server, "/api/timeline")["rows"]]
    lo, hi = days[len(days) // 3], days[2 * len(days) // 3]
    svg = pg.locator("#tl-svg")
    start, end = (calendar.timegm(time.strptime(svg.get_attribute(a), "%Y-%m-%d")) for a in ("data-from", "data-to"))
    box = pg.locator("#tl-svg .brush .overlay").bounding_box()

    def x(day: str) -> float:
        t = calendar.timegm(time.strptime(day, "%Y-%m-%d"))
        return box["x"] + (t - start) / (end - start) * box["width"]

    drag(pg, "#tl-svg .brush .overlay", x(lo) - 1, x(hi) + 2)
    pg.wait_for_function("() => location.hash.includes('since=') && location.hash.includes('until=')")
    loaded(pg)
    pg.wait_for_function("() => !document.body.dataset.loading")
    since, until = pg.input_value("#f-since"), pg.input_value("#f-until")
    assert since and until and since <= until
    events = api_all(server, "/api/events", since=since, until=until)
    assert 0 < len(events) < total
    assert count(pg, "events") == len(events)
    assert count(pg, "incidents") == len(api_all(server, "/api/incidents", since=since, until=until))
    assert count(pg, "claims") == len(api_all(server, "/api/claims", since=since, until=until))
    placed = [e for e in events if e["place"] and e["place"]["lat"] is not None]
    assert int(pg.get_attribute("#map", "data-markers")) == len(placed)
    shown = pg.eval_on_selector_all("#events-list li[data-id]", "els => els.map(e => e.dataset.id)")
    assert shown == [e["id"] for e in events][:len(shown)]
    # the brush stays where it was drawn, and the bars outside it are greyed
    assert pg.locator("#tl-svg .brush .selection").get_attribute("width") not in (None, "0")
    assert pg.locator("#tl-svg .bar.out").count() > 0
    # the state is in the URL: a reload shows the same
    pg.reload()
    loaded(pg)
    assert count(pg, "events") == len(events)
    # clearing the brush brings everything back
    pg.click("#tl-clear")
    pg.wait_for_function(f"() => document.getElementById('events-count').dataset.count === '{total}'")
    watch.clean()


@needs_browser
def test_a_claim_shows_its_chain_stance_and_sources(page: tuple[Any, Watch], server: str) -> None:
    pg, watch = page
    claims = api_all(server, "/api/claims")
    chained = next(c for c in claims if c["chain"] and c["contradicting"])
    backed = next(c for c in claims if c["corroborating"])
    pg.goto(server + "/#tab=claims")
    loaded(pg)
    for claim in (chained, backed):
        pg.click(f"#claims-list li[data-id='{claim['id']}']")
        detail = pg.locator(f"#selection .claim-detail[data-id='{claim['id']}']")
        detail.wait_for()
        assert "claim=" in pg.evaluate("location.hash")
        hops = detail.locator("h3 .chain .hop").all_text_contents()
        assert " \u2190 ".join(hops) == claim["chain_text"]
        assert detail.locator(".badge.stance").first.text_content() == claim["stance"].replace("_", " ")
        assert detail.locator(".quote.content").text_content() == f"\u201c{claim['content']['text']}\u201d"
        for kind in ("corroborating", "contradicting"):
            items = detail.locator(f".{kind} li")
            assert items.count() == len(claim[kind])
            for i, other in enumerate(claim[kind]):
                assert items.nth(i).locator("b").text_content() == other["source"]
                assert items.nth(i).get_attribute("data-claim") == other["claim_id"]
        if claim is chained:  # the README's screenshot: map, timeline and a claim with its chain
            SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
            pg.screenshot(path=str(SCREENSHOT))
        pg.click("#tabs button[data-tab='claims']")
    # the chain shows the outlet before the speaker: "Al Jazeera <- Mulumba"
    assert " \u2190 " in chained["chain_text"]
    # from the claim to its article, focused on the claim's spans
    pg.click(f"#claims-list li[data-id='{chained['id']}']")
    pg.click("#selection .claim-detail a.open-article.primary")
    pg.wait_for_function(f"() => document.getElementById('article-text').dataset.article === '{chained['article_id']}'")
    focused = pg.eval_on_selector_all("#article-text mark.focus", "ms => ms.map(m => [m.dataset.field, m.textContent])")
    assert ["content", chained["content"]["text"]] in focused
    assert ["speaker", chained["speaker"]["text"]] in focused
    # a link to a claim opens it even when the filters leave it out
    pg.goto(f"{server}/#tab=selection&since=1990-01-01&until=1990-01-02&claim={urllib.parse.quote(backed['id'])}")
    pg.wait_for_function("() => document.getElementById('claims-count').dataset.count === '0'")
    pg.locator(f"#selection .claim-detail[data-id='{backed['id']}']").wait_for()
    watch.clean()


def expected_spans(doc: dict[str, Any]) -> set[tuple[str, str, int, int]]:
    """(field, ref, start, end) of every evidence span the article view must highlight."""
    out: set[tuple[str, str, int, int]] = set()
    actors = {i for e in doc["events"] for i in e["actor"] + e["recipient"]}

    def add(field: str, ref: str, sp: dict[str, Any] | None) -> None:
        if sp and sp.get("start") is not None and sp["start"] < sp["end"]:
            out.add((field, ref, sp["start"], sp["end"]))

    for e in doc["events"]:
        add("trigger", e["id"], e["trigger"])
    for ent in doc["entities"]:
        for m in ent["mentions"]:
            add("actor" if ent["id"] in actors else "entity", ent["id"], m)
    for p in doc["places"]:
        for m in p["mentions"]:
            add("place", p["id"], m)
    for a in doc["attributions"]:
        add("content", a["id"], a["content"])
        add("speaker", a["id"], a["speaker"])
        add("cue", a["id"], a["cue"])
    return out


MARKS_JS = """() => [...document.querySelectorAll('#article-text mark')].map(m => ({
    field: m.dataset.field, ref: m.dataset.ref, start: +m.dataset.start, end: +m.dataset.end, text: m.textContent,
    part: !!m.dataset.part, span_start: m.dataset.spanStart === undefined ? null : +m.dataset.spanStart,
    span_end: m.dataset.spanEnd === undefined ? null : +m.dataset.spanEnd}))"""


@needs_browser
def test_article_view_highlights_exactly_the_stored_spans(page: tuple[Any, Watch], server: str) -> None:
    pg, watch = page
    articles = api_all(server, "/api/articles")
    busiest = sorted(articles, key=lambda a: -(a["n_events"] + a["n_claims"]))[:3]
    for art in busiest:
        doc = api(server, f"/api/articles/{art['id']}")
        text = doc["text"]
        pg.goto(f"{server}/#view=article&id={art['id']}")
        pg.wait_for_function(f"() => document.getElementById('article-text').dataset.article === '{art['id']}'")
        assert pg.text_content("#article-text") == text  # the whole text, character for character
        assert pg.text_content("#article-title") == (doc["article"]["title"] or "(untitled)")
        marks = pg.evaluate(MARKS_JS)
        assert marks
        got: dict[tuple[str, str, int, int], list[tuple[int, int]]] = {}
        for m in marks:
            assert m["text"] == text[m["start"]:m["end"]], m
            whole = (m["span_start"], m["span_end"]) if m["part"] else (m["start"], m["end"])
            got.setdefault((m["field"], m["ref"], *whole), []).append((m["start"], m["end"]))
        assert set(got) == expected_spans(doc)
        for (_f, _r, start, end), parts in got.items():  # parts of a split span tile it exactly
            parts.sort()
            assert parts[0][0] == start and parts[-1][1] == end
            assert all(a[1] == b[0] for a, b in zip(parts, parts[1:], strict=False))
        # every event and claim is listed beside the text; clicking one focuses its marks
        assert pg.locator("#article-events li[data-ref]").count() == len(doc["events"])
        assert pg.locator("#article-claims li[data-ref]").count() == len(doc["attributions"])
        if doc["events"]:
            e = doc["events"][0]
            pg.click(f"#article-events li[data-ref='{e['id']}']")
            pg.wait_for_selector(f"#article-text mark.focus[data-ref='{e['id']}']")
            assert pg.text_content(f"#article-text mark.focus[data-field='trigger'][data-ref='{e['id']}']") == \
                text[e["trigger"]["start"]:e["trigger"]["end"]]
    watch.clean()


@needs_browser
def test_markup_in_an_article_never_runs(page: tuple[Any, Watch], server: str) -> None:
    pg, watch = page
    art = next(a for a in api_all(server, "/api/articles") if a["title"] == XSS_TITLE)
    doc = api(server, f"/api/articles/{art['id']}")
    assert doc["text"] == XSS_TEXT
    pg.add_init_script("window.__xss = undefined;")
    # the lists (the source name is in every row and in the filter menu), the map and the claims
    pg.goto(server + "/#tab=claims")
    loaded(pg)
    pg.select_option("#f-source", XSS_SOURCE)
    pg.wait_for_function("() => location.hash.includes('source=')")
    loaded(pg)
    assert count(pg, "events") >= 1 and count(pg, "claims") >= 1
    pg.locator("#claims-list li[data-id]").first.click()
    pg.locator("#selection .claim-detail").wait_for()
    pg.click("#tabs button[data-tab='events']")
    pg.locator("#events-list li[data-id]").first.click()
    pg.locator("#selection .event-card").wait_for()
    pg.locator("#selection .event-card").first.hover()
    # the article view: the title, the source, the URL and the text come out as text
    pg.goto(f"{server}/#view=article&id={art['id']}")
    pg.wait_for_function(f"() => document.getElementById('article-text').dataset.article === '{art['id']}'")
    assert pg.text_content("#article-title") == XSS_TITLE
    assert pg.text_content("#article-text") == XSS_TEXT
    meta = pg.text_content("#article-meta")
    assert XSS_SOURCE in meta and f"javascript:{XSS}" in meta
    for m in pg.locator("#article-text mark").all()[:20]:
        m.hover()
    pg.locator("#article-meta").hover()
    for link in pg.locator("a").all():
        href = link.get_attribute("href")
        assert href is None or href.startswith(("#", "http://", "https://")), href
    # a crafted id in the URL is text too
    pg.goto(f"{server}/#view=article&id=" + urllib.parse.quote(f"<img src=x onerror=\"{XSS}\">"))
    pg.wait_for_function("() => document.getElementById('article-title').textContent === 'Article not found'")
    watch.errors = [e for e in watch.errors if "404" not in e]  # that missing article's 404 is expected
    watch.failed = [f for f in watch.failed if not f.endswith(" 404")]
    pg.wait_for_timeout(200)
    assert pg.evaluate("typeof window.__xss") == "undefined"
    injected = pg.evaluate("""() => ({
        scripts: [...document.scripts].map(s => s.getAttribute('src')),
        handlers: document.querySelectorAll('[onerror],[onload],[onmouseover],[onclick]').length,
        imgs: [...document.images].map(i => i.getAttribute('src')).filter(s => s === 'x'),
        js_links: document.querySelectorAll('a[href^="javascript" i]').length})""")
    assert injected["scripts"] == ["/static/vendor/leaflet/leaflet.js", "/static/vendor/markercluster/leaflet.markercluster.js",
                                   "/static/vendor/d3/d3.min.js", "/static/app.js"]
    assert injected["handlers"] == 0 and injected["imgs"] == [] and injected["js_links"] == 0
    watch.clean()


def test_static_files_ship_with_the_package(server: str) -> None:
    from wirewatch.serve.dashboard import STATIC

    vendored = (STATIC / "vendor" / "VENDORED.md").read_text()
    for name, version in (("leaflet", "1.9.4"), ("leaflet.markercluster", "1.5.3"), ("d3", "7.9.2"),
                          ("world-atlas", "2.0.2"), ("topojson-client", "3.1.0")):
        assert f"| {version} |" in vendored and name in vendored
    for path in ("/static/app.js", "/static/app.css", "/static/vendor/leaflet/leaflet.js"):
        with urllib.request.urlopen(server + path, timeout=10) as r:
            assert r.status == 200
            assert r.headers["X-Content-Type-Options"] == "nosniff"
            assert "default-src 'none'" in r.headers["Content-Security-Policy"]
    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.urlopen(server + "/static/../dashboard.py", timeout=10)
    assert err.value.code == 404
