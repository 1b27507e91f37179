"""Hand-written PLOVER seed phrases (the wirewatch authors' own wording) for the event classifier.

Each phrase is a verb phrase in news style with ``{t}`` where the target goes. The training script
combines them with invented actors and tails into short marked sentences (``<s>..</s>`` source,
``<t>..</t>`` target) that widen the verb coverage of the small PLV training set. Nothing here comes from
an evaluation set.
"""

from __future__ import annotations

SEED_PHRASES: dict[str, list[str]] = {
    "AGREE": [
        "signed a peace deal with {t}", "agreed to hold talks with {t}", "reached an agreement with {t}",
        "signed a trade accord with {t}", "promised to resume negotiations with {t}", "pledged to work with {t}",
        "agreed to a ceasefire with {t}", "struck a deal with {t}", "accepted a proposal from {t}",
        "vowed to cooperate with {t}", "agreed to extend the truce with {t}", "signed a memorandum of understanding with {t}",
        "agreed to exchange prisoners with {t}", "committed to a roadmap agreed with {t}", "offered to mediate for {t}",
        "agreed to restore diplomatic ties with {t}", "signed a defence pact with {t}", "endorsed a deal with {t}",
    ],
    "CONSULT": [
        "met {t}", "held talks with {t}", "met with {t} in the capital", "hosted {t} for talks",
        "discussed the crisis with {t}", "spoke by telephone with {t}", "paid a visit to {t}",
        "visited {t}", "held a meeting with {t}", "received {t} at the presidential palace",
        "travelled to {t} for consultations", "conferred with {t}", "held a phone call with {t}",
        "welcomed {t} on an official visit", "sat down with {t} for negotiations", "arrived in {t} on a state visit",
    ],
    "SUPPORT": [
        "praised {t}", "expressed support for {t}", "welcomed the decision by {t}", "backed {t}",
        "endorsed {t}", "congratulated {t}", "voiced solidarity with {t}", "defended {t}",
        "commended {t} for its efforts", "applauded {t}", "hailed the role of {t}", "thanked {t}",
        "lauded {t}", "said it stands with {t}", "offered condolences to {t}", "recognised {t}",
    ],
    "COOPERATE": [
        "conducted joint military exercises with {t}", "shared intelligence with {t}", "deployed peacekeepers to {t}",
        "extradited a suspect to {t}", "carried out a joint patrol with {t}", "worked alongside {t} to clear mines",
        "signed an intelligence sharing programme with {t} and began joint operations", "coordinated rescue efforts with {t}",
        "launched a joint investigation with {t}", "handed over the suspects to {t}", "trained the forces of {t}",
        "held joint naval drills with {t}", "cooperated with {t} on border security", "jointly policed the border with {t}",
    ],
    "AID": [
        "sent humanitarian aid to {t}", "delivered food and medicine to {t}", "donated vaccines to {t}",
        "provided financial assistance to {t}", "gave emergency relief to {t}", "pledged millions in aid to {t}",
        "granted a loan to {t}", "supplied weapons to {t}", "sent medical teams to {t}",
        "offered shelter to {t}", "provided military aid to {t}", "airlifted supplies to {t}",
        "granted asylum to {t}", "funded reconstruction projects in {t}", "shipped relief supplies to {t}",
        "dispatched rescue workers to {t}",
    ],
    "YIELD": [
        "released {t}", "freed {t}", "withdrew troops from {t}", "lifted sanctions on {t}",
        "resigned after pressure from {t}", "pulled its forces out of {t}", "handed back territory to {t}",
        "eased restrictions on {t}", "lifted the blockade on {t}", "pardoned {t}", "returned the seized vessel to {t}",
        "stepped down under pressure from {t}", "surrendered to {t}", "conceded defeat to {t}",
        "called off the strike against {t}", "reopened the border with {t}", "apologised to {t}",
        "lifted the curfew in {t}", "disbanded its militia in {t}", "retreated from {t}", "admitted wrongdoing to {t}",
    ],
    "REQUEST": [
        "called on {t} to release the prisoners", "urged {t} to return to talks", "asked {t} for assistance",
        "demanded that {t} withdraw", "appealed to {t} for help", "requested aid from {t}",
        "pressed {t} to hold elections", "called for {t} to step down", "sought support from {t}",
        "appealed to {t} to show restraint", "asked {t} to extradite the suspect", "urged {t} to end the violence",
        "petitioned {t} to reconsider", "requested a meeting with {t}",
    ],
    "ACCUSE": [
        "accused {t} of war crimes", "blamed {t} for the attack", "criticised {t}", "condemned {t}",
        "charged {t} with corruption", "filed a lawsuit against {t}", "denounced {t}", "opened an investigation into {t}",
        "indicted {t}", "alleged that {t} had rigged the vote", "sued {t}", "launched a probe into {t}",
        "slammed {t}", "faulted {t} for the delays", "held {t} responsible for the deaths", "brought charges against {t}",
        "investigated {t} for fraud", "lodged a formal complaint against {t}",
    ],
    "REJECT": [
        "rejected a proposal from {t}", "refused to meet {t}", "turned down an offer from {t}", "rejected the demands of {t}",
        "vetoed a resolution drafted by {t}", "refused to recognise {t}", "denied the claims made by {t}",
        "walked out of talks with {t}", "dismissed the allegations by {t}", "refused to comply with {t}",
        "cancelled a planned visit to {t}", "ruled out negotiations with {t}", "boycotted the talks hosted by {t}",
        "refused to hand over the suspect to {t}", "declined an invitation from {t}", "denied entry to {t}",
        "rebuffed {t}", "defied {t}",
    ],
    "THREATEN": [
        "threatened {t} with sanctions", "warned {t} of military action", "threatened to attack {t}",
        "warned {t} that it would retaliate", "threatened to cut off aid to {t}", "issued an ultimatum to {t}",
        "vowed to strike {t}", "said it would launch an offensive against {t}", "warned {t} of serious consequences",
        "threatened to expel {t}", "threatened to boycott {t}", "warned that it could invade {t}",
        "vowed revenge against {t}", "threatened to impose tariffs on {t}",
    ],
    "PROTEST": [
        "protested against {t}", "staged demonstrations against {t}", "marched on {t}", "rallied outside {t}",
        "went on strike against {t}", "held a sit-in outside {t}", "took to the streets against {t}",
        "staged a hunger strike against {t}", "picketed {t}", "blocked roads to protest against {t}",
        "rioted over the policies of {t}", "demonstrated outside {t}", "held a protest march against {t}",
        "clashed with {t} during protests",
    ],
    "MOBILIZE": [
        "put its troops on high alert near {t}", "massed troops on the border with {t}", "mobilised reservists against {t}",
        "deployed additional troops near {t}", "raised the alert level in {t}", "moved tanks towards {t}",
        "mobilised its forces along the frontier with {t}", "placed its army on alert in {t}",
        "sent warships to the waters off {t}", "reinforced its positions near {t}", "built up forces near {t}",
    ],
    "SANCTION": [
        "imposed sanctions on {t}", "expelled diplomats from {t}", "cut diplomatic ties with {t}", "froze the assets of {t}",
        "suspended aid to {t}", "imposed an arms embargo on {t}", "recalled its ambassador from {t}",
        "suspended {t} from the bloc", "banned imports from {t}", "halted trade with {t}", "blacklisted {t}",
        "severed relations with {t}", "suspended cooperation with {t}", "imposed travel bans on {t}",
    ],
    "COERCE": [
        "arrested {t}", "detained {t}", "imposed a curfew on {t}", "jailed {t}", "deported {t}",
        "seized the property of {t}", "banned {t}", "raided the offices of {t}", "sentenced {t} to prison",
        "confiscated the passports of {t}", "shut down {t}", "placed {t} under house arrest", "censored {t}",
        "expelled {t}", "declared a state of emergency in {t}", "took {t} into custody", "closed the border with {t}",
        "executed {t}", "searched the homes of {t}",
    ],
    "ASSAULT": [
        "attacked {t}", "bombed {t}", "shelled {t}", "killed {t}", "launched air strikes on {t}",
        "opened fire on {t}", "fired rockets at {t}", "ambushed {t}", "stormed {t}", "assassinated {t}",
        "kidnapped {t}", "abducted {t}", "carried out a suicide bombing in {t}", "clashed with {t}",
        "shot dead {t}", "fought {t}", "launched an offensive against {t}", "beat {t}", "tortured {t}",
        "massacred {t}", "set fire to {t}", "targeted {t} with drones", "bombarded {t}", "invaded {t}",
        "destroyed {t} in an air raid",
    ],
}

SOURCES: list[str] = [
    "The government", "Police", "Rebels", "The army", "The president", "Protesters", "The United Nations",
    "The foreign minister", "Militants", "The European Union", "Opposition leaders", "The prime minister",
    "Security forces", "The court", "Washington", "Beijing", "Moscow", "The ruling party", "Workers",
    "The coalition", "Local officials", "Kenya", "Iran", "France", "The World Bank", "Insurgents",
]
TARGETS: list[str] = [
    "the rebels", "the opposition", "Israel", "Russia", "the United States", "the protesters", "journalists",
    "neighbouring Sudan", "the interior ministry", "the border town", "China", "the militia", "civilians",
    "the central bank", "Ukraine", "the government", "the refugees", "the embassy", "aid workers", "Pakistan",
]
TAILS: list[str] = [
    "", " on Monday", " on Tuesday, officials said", " last week", ", state media reported",
    " after weeks of tension", ", according to a statement", " on Friday, witnesses said", " in the capital",
]
