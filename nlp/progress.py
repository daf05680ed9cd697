"""A reading of Swedish progress language that does not depend on one municipality's phrases.

A follow-up comment says how far work has come through grammar as much as through words: tense and aspect
(har genomförts, är klar, pågår, kommer att, ska påbörjas), negation and its scope (inte, ej, ännu inte, har
inte kunnat), delay and its causes (försenad, på grund av, vakanser, avvaktar), completion against a target
(12 av 15, samtliga, 80 procent) and, for goals, indicators against target values and trends (har ökat,
ligger på, målvärdet, i takt med, jämfört med föregående år). `read_progress` returns what a comment says
on each of these as counts per clause; `progress_features` turns that into a fixed vector for the models.

The cue lists are Swedish usage, written from grammar and from how follow-ups are phrased in general, not
from one report's sentences. A cue is matched on lower-cased text with å, ä and ö kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from nlp.targets import figure_trend, goal_direction

# Negators and how far back they reach: Swedish puts 'inte' after the finite verb in main clauses
# ("har inte påbörjats", "påbörjas inte") and before it in subordinate ones ("eftersom vi inte har hunnit").
NEGATORS = re.compile(r"\b(inte|ej|icke|aldrig|ingen|inget|inga|varken|utan\s+att)\b")
NEGATION_REACH_WORDS = 3
# Clauses end at punctuation and at contrastive conjunctions: "klart, men inte utvärderat" negates one part.
CLAUSE_BREAK = re.compile(r"[.;:!?\n]+|,\s*(?:men|medan|samtidigt som|dock)\b|\s+men\s+|\s+dock\s+|\s+medan\s+")


@dataclass(frozen=True)
class Cue:
    """Words that say one thing about progress; negated they say `negated` instead (None: nothing)."""

    says: str
    pattern: re.Pattern[str]
    negated: str | None = None
    # How many words before the cue a negator reaches; an obstacle is negated only by its own article
    # ("inga problem"), not by a negation earlier in the clause ("har inte startat på grund av vakanser").
    reach: int = NEGATION_REACH_WORDS
    # Whether a negator inside the match negates it ("är inte klart"); not for cues whose words hold it.
    inner: bool = True


def _cue(says: str, pattern: str, negated: str | None = None, reach: int = NEGATION_REACH_WORDS,
         inner: bool = True) -> Cue:
    return Cue(says, re.compile(pattern), negated, reach, inner)


# Participles and supines of the verbs follow-ups use for carrying something out. Passive supine (-ats, -ts,
# -its), past passive (-ades, -des, -tes, -s of strong verbs) and the adjectival participle after är/blev.
_DONE_STEMS = (
    r"genomför|slutför|färdigställ|avslut|fullfölj|leverer|implementer|inför|fastställ|besluta?|öppn|invig|lanser"
    r"|driftsätt|sjösätt|upphandl|anställ|rekryter|utbild|installer|upprätta?|teckn|signer|underteckn|bevilj"
    r"|skicka|lämna|presenter|redovis|publicer|uppdater|revider|framtag|ersätt|byt|bygg|renover|åtgärd|etabler"
    r"|inrätta?|genomgå|antag|utse|kartlägg|analyser|utvärder|kommunicer|godkänn|tillsätt|anordn|arrangera?"
)
# The forms of those stems that say it has been done; present tense (genomför, genomförs) and nouns
# (beslutet, utbildning) are not among them.
_DONE_SUFFIXES = r"(?:ats|ades|ad|ade|at|d|da|de|des|t|ts|te|tes|it|its|tt|tts|ts)"
_DONE_IRREGULAR = (
    r"antogs|utsågs|genomgick|togs\s+fram|tagits\s+fram|tagit\s+fram|ersatt|ersatts|bytts|sjösatt|sjösattes"
    r"|driftsatt|driftsattes|tillsatt|tillsattes|godkänts|godkändes|skrevs\s+under|skrivits\s+under|gjordes|gjorts"
    r"|har\s+gjort|genomfört|klarats\s+av|uppnåtts|uppnåddes"
    # (strong and irregular preterites: 'Kommunstyrelsen antog planen', 'beslöt', 'tog emot de första patienterna')
    r"|antog|antagit|beslöt|tog\s+emot|tagit\s+emot|togs\s+emot"
)
CUES: tuple[Cue, ...] = (
    # ---- tense and aspect
    # A particle compound is the same verb ("överlämnades", "tillsattes").
    _cue("done", rf"\b(?:(?:över|till|om)?(?:{_DONE_STEMS}){_DONE_SUFFIXES}|{_DONE_IRREGULAR})\b", "not_done"),
    _cue("done", r"\b(?:är|blev|blivit|har\s+blivit)\s+(?:nu\s+|ännu\s+)?(?:inte\s+|ej\s+)?(?:nu\s+)?(?:helt\s+)?(?:klar|klart|klara|färdig\w*|slutförd\w*"
                 r"|avslutad\w*|genomförd\w*|på\s+plats|i\s+drift|i\s+bruk)\b", "not_done"),
    # 'stod klar 14 juni', 'står nu färdig'; a clause that is only 'Klart.' or 'Klart, …'.
    _cue("done", r"\b(?:stod|står|stått)\s+(?:nu\s+)?(?:klar|klart|klara|färdig\w*)\b|^(?:klart|klar|färdigt|genomfört)$",
         "not_done"),
    _cue("done", r"\b(?:togs|tagits|tas)\s+i\s+(?:\w+\s+)?(?:bruk|drift)\b|\bgäller\s+(?:nu\s+)?sedan\b|\bägde\s+rum\b|\bhölls\b|\bhar\s+hållits\b"
                 r"|\bgick\s+av\s+stapeln\b|\bkom\s+på\s+plats\b|\bär\s+nu\b|\bfinns\s+nu\b|\bsedan\s+(?:januari|februari"
                 r"|mars|april|maj|juni|juli|augusti|september|oktober|november|december)\b", "not_done"),
    # The perfect of any verb ("har deltagit", "har kommit in"): something has happened, not that all is done.
    _cue("perfect", r"\b(?:har|hade)\s+(?:nu\s+|också\s+|även\s+|redan\s+)?\w+(?:at|it|tt|t)\b", "not_done"),
    _cue("closed", r"\binga\s+(?:fler|ytterligare)\s+\w+\s+(?:planeras|behövs|återstår)\b|\bkan\s+(?:därmed\s+)?avslutas\b"
                   r"|\bavslutas\s+(?:härmed|därmed)\b|\bavrapporter\w*\b|\bingår\s+(?:nu\s+)?i\s+(?:ordinarie|ordinari)"
                   r"|\b(?:övergått|övergår)\s+i\s+(?:ordinarie|linje|drift)\w*|\bimplementerad\w*\s+i\s+verksamheten\b"
                   r"|\bingår\s+(?:nu\s+|från\s+\w+\s+)?i\s+(?:den\s+)?ordinarie\b|\bhädanefter\b"
                   # 'Uppdraget stängs', 'Projektet stängs med de delar som hunnits': the work is closed as it stands.
                   r"|\b(?:uppdraget|projektet|åtagandet|aktiviteten|insatsen)\s+(?:stängs|stängdes|avslutas|avslutades)\b"),
    _cue("ongoing", r"\b(?:pågår|pågick|fortgår|fortsätter|fortsatt|löper|löpande|arbetar\s+(?:vidare\s+)?med"
                    r"|håller\s+på|är\s+(?:i\s*gång|igång)|under\s+(?:arbete|utveckling|uppbyggnad)|successivt|hittills"
                    r"|har\s+påbörjats|påbörjades|påbörjat|inleddes|har\s+inletts|startade|har\s+startat|kommit\s+i\s*gång"
                    r"|är\s+påbörjad\w*)\b", "not_started"),
    _cue("planned", r"\b(?:kommer\s+att|planeras|planerad\w*|planerat|ska|skall|avses|är\s+tänkt|beräknas|väntas"
                    r"|inplanerad\w*|under\s+(?:hösten|våren|sommaren|vintern)|i\s+(?:höst|vår)|nästa\s+år"
                    r"|under\s+20\d\d|till\s+20\d\d|återstår|nästa\s+(?:steg|etapp|fas))\b"),
    _cue("not_started", r"\b(?:uppstart(?:en)?\s+(?:sker|planeras|blir)|planeras\s+(?:att\s+)?(?:starta|påbörjas|inledas)"
                        r"|ska\s+(?:påbörjas|starta|inledas)|(?:startar|påbörjas|inleds|börjar)\s+(?:först\s+)?(?:i|under|efter)\b"
                        r"|(?:förberedelserna|arbetet|upphandlingen)\s+har\s+(?:ännu\s+)?inte\s+(?:inletts|startat|påbörjats)"
                        r"|inget\s+arbete|inte\s+(?:kommit\s+)?i\s*gång|ej\s+startad\w*|ej\s+påbörjad\w*"
                        r"|(?:uppstart|start)\w*\s+(?:är\s+)?(?:planerad|beräknad)\w*"
                        # A start that waits for something first: "startar när tjänsten är tillsatt", "beställs
                        # först till våren", "installation tidigast 2025".
                        r"|(?:startar|påbörjas|inleds|börjar)\s+(?:först\s+)?(?:när|då|efter\s+att)"
                        r"|först\s+(?:när|efter\s+att|till\s+(?:hösten|våren|sommaren|vintern|nästa)|nästa\s+år)"
                        r"|tidigast\s+(?:i\s+|under\s+|till\s+)?(?:20\d\d|nästa|hösten|våren|sommaren|vintern)"
                        # Set for later, or with nobody on it yet: 'planerad till september', 'budgeterad till nästa
                        # år', 'tas upp när …', 'ingen projektledare är ännu utsedd', 'inget projektarbete har gjorts'.
                        r"|(?:planerad|planerat|planerade|budgeterad|budgeterat|budgeterade)\s+(?:till|för)\s+(?!och\b)"
                        r"|(?:tas|tar)\s+(?:\w+\s+){0,3}?upp\s+(?:först\s+)?när|läggs\s+in\s+i\s+\w*plan\w*\s+för\s+nästa"
                        r"|(?:ingen|inget|inga)\s+\w+\s+(?:är|har)\s+(?:ännu\s+|hittills\s+)?(?:utsedd|utsett|utsedda|tillsatt"
                        r"|anställd|gjorts|påbörjats|lagts)\b|(?:ingen|inget|inga)\s+\w+\s+(?:är|har\s+\w+)\s+\w+\s+ännu)\b"),
    # Starting words; negated ("har ännu inte påbörjats", "påbörjas inte") they say not started.
    _cue("started", r"\b(?:påbörja\w*|start\w*|inled\w*|börja\w*|kommit\s+i\s*gång)\b", "not_started"),
    # ---- delay, obstacles, waiting
    _cue("delay", r"\b(?:försen\w*|förskjut\w*|skjut\w*\s+(?:upp|fram)|skjutits|senarelag\w*|fördröj\w*|omplaner\w*"
                  r"|drar\s+ut|drog\s+ut|dragit\s+ut|tar\s+längre\s+tid|tagit\s+längre\s+tid|ligger\s+efter|efter\s+tidplan\w*"
                  r"|senare\s+än\s+(?:\w+t|vi\s+\w+|väntat)|efter\s+(?:den\s+)?(?:\w+\s+)?tidplan\w*|tog\s+längre\s+tid|sänkt\s+takten|inte\s+hunnit|hinner\s+inte|inte\s+(?:kunnat|kunde)"
                  r"|(?:kunde|kan|har)\s+inte\s+(?:kunnat\s+)?(?:genomföras|slutföras|hållas|levereras|starta|påbörjas)|(?:kunde|kan)\s+(?:därför\s+|dock\s+|ännu\s+)?inte\s+\w+as"
                  r"|(?:flyttad\w*|flyttats|flyttas|flyttades)\s+(?:fram\s+)?(?:från\s+\w+\s+)?till\s+(?:hösten|våren"
                  r"|sommaren|vintern|nästa|januari|februari|mars|april|maj|juni|juli|augusti|september|oktober"
                  r"|november|december|t[123]\b|20\d\d|v\.?\s*\d|vecka)"
                  r"|avvik\w*|flyttats\s+fram|flyttas\s+fram|misslyck\w*|dröj\w*|långsammare\s+än|stannat\s+av|inte\s+enligt\s+(?:plan|tidplan))\b", "no_deviation", inner=False),
    _cue("obstacle", r"\b(?:på\s+grund\s+av|pga|p\.g\.a|till\s+följd\s+av|vakan\w*|sjukskriv\w*|personalbrist\w*"
                     r"|resursbrist\w*|brist\s+på|bristande|svårighet\w*|svårt\s+att|utmaning\w*|hinder|problem\w*"
                     r"|överklag\w*|överpröv\w*|inte\s+räck\w*|räck(?:te|er)\s+inte|över\s+(?:ramen|budget\w*|kalkyl\w*)|(?:färre|lägre|mindre)\s+än\s+(?:vi\s+\w+|\w+t)\b|personalomsättning|kostnad\w*\s+(?:har\s+)?överstig\w*|fördyr\w*|begränsade?\s+resurser"
                     r"|saknas|saknat|saknar|neddragning\w*|besparing\w*|ekonomiska\s+läget|inte\s+tillräckli\w*"
                     r"|leverantör\w*)\b", "no_deviation", reach=1, inner=False),
    # Work ended before it was done: laid down, broken off, struck out, a decision not to go on.
    _cue("cancelled", r"\b(?:lades\s+ned|lagts\s+ned|läggs\s+ned|lägga\s+ned|avbröts|avbrutits|avbryts|ströks|strukits"
                      r"|stryks|avslogs|avslagit|tackat\s+nej|inte\s+gå\s+vidare(?!.*\bförrän\b)|inte\s+lägga\s+mer"
                      r"|avskrev\w*|avskriv\w*)\b"),
    _cue("waiting", r"\b(?:vilande|vilar|pausa\w*|avvakta\w*|invänta\w*|väntar\s+på|i\s+väntan\s+på|parkera\w*"
                    r"|på\s+is|åt\s+sidan|ligger\s+stilla|avstann\w*|prioriterats\s+ned|nedprioriter\w*|omprioriter\w*|stoppats|stoppades"
                    r"|tills\s+vidare|(?:står|stod|stått)\s+(?:helt\s+)?still(?:a)?|inget\s+(?:har\s+)?hänt"
                    r"|(?:gå|går|gå\s+vidare\s+med\s+\w+|vidare)\s+förrän)\b"),
    # ---- completion against a target
    _cue("all", r"\b(?:alla|samtliga|hela|varje|fullt\s+ut|helt|full\s+täckning|till\s+100\s*(?:procent|%))\b"),
    _cue("partly", r"\b(?:delvis|till\s+viss\s+del|till\s+del|vissa|några|en\s+del\s+av|hälften|inte\s+alla"
                   r"|inte\s+samtliga|flertalet|majoriteten|resterande|återstående|ännu\s+inte\s+alla)\b"),
    # ---- indicators, targets, trends (goals)
    _cue("indicator", r"\b(?:andel\w*|antal\w*|nyckeltal\w*|indikator\w*|mått|måttet|enkät\w*|undersökning\w*"
                      r"|resultat\w*|index|nöjd\w*|utfall\w*|statistik\w*|ligger\s+på|uppgår\s+till|procent|%)"),
    _cue("target", r"\b(?:målvärde\w*|målnivå\w*|målsättning\w*|måltal\w*|mot\s+målet"
                   r"|jämfört\s+med|i\s+förhållande\s+till|föregående\s+år|förra\s+året|fjolåret|i\s+fjol)\b"),
    _cue("target_met", r"\b(?:(?:når|nådde|nått|uppnår|uppnådde|uppnått|klarar|klarade|överträff\w*)\s+"
                       r"(?:(?:redan\s+)?(?:målvärdet|målnivån|målet|måltalet|målsättningen))"
                       r"|(?:indikator\w*|mål\w*)\s+(?:nåddes|nåtts|uppnåddes)|bästa\s+\w+|bättre\s+än\s+(?:målet|målvärdet|planerat)|i\s+nivå\s+med\s+målet"
                       r"|i\s+takt\s+med\s+(?:målet|målsättningen|planen))\b", "target_missed"),
    _cue("target_missed", r"\b(?:ingen\s+av\s+(?:de\s+)?\w+\s+\w+\s+nådde|nåddes\s+inte|nådde\s+inte|långt\s+(?:från|ifrån|kvar)|en\s+bit\s+kvar|ännu\s+långt"
                          r"|inte\s+(?:når|nått|uppnått|nådde|i\s+takt)|når\s+inte|nås\s+inte|fortfarande\s+(?:låg|hög)\w*"
                          r"|lägre\s+än\s+(?:målet|målvärdet)|högre\s+än\s+(?:målet|målvärdet)\s+för)\b"),
    _cue("rising", r"\b(?:ök\w*|stig\w*|steg|stigit|högre|förbättr\w*|stärk\w*|växt|växer)\b"),
    _cue("falling", r"\b(?:minsk\w*|sjunk\w*|sjönk|sjunkit|lägre|försämr\w*|försvag\w*|tapp\w*|backat|gått\s+ned)\b"),
    _cue("positive", r"\b(?:positiv\w*|gott|goda|god|bra|väl|framsteg|rätt\s+(?:håll|riktning)|glädjande|stabil\w*"
                     r"|förbättring\w*)\b", "negative"),
    _cue("negative", r"\b(?:negativ\w*|oroande|oroväckande|sämre|försämring\w*|fel\s+riktning|allvarlig\w*"
                     r"|kritisk\w*|otillräcklig\w*|bekymmersam\w*|svag\w*"
                     # money short of the budget: a deficit, a result below it ('underskott', 'sämre än budget')
                     r"|underskott\w*|över\s+budget|sämre\s+än\s+(?:budget\w*|prognos\w*))\b", "positive"),
)
# Cues whose words hold their own negation ("har inte kunnat starta") are read first and own their span.
CLAIMING: tuple[Cue, ...] = tuple(c for c in CUES if c.says in {"delay", "not_started", "target_missed"})
OTHERS: tuple[Cue, ...] = tuple(c for c in CUES if c not in CLAIMING)
CATEGORIES: tuple[str, ...] = tuple(dict.fromkeys(
    [c.says for c in CUES] + [c.negated for c in CUES if c.negated]
))
# A step set for a time to come: Swedish says the future with the present tense and a time adverbial
# ("Granskningen sker i september", "öppnar i januari", "remisstiden går ut den 15 december", "Utvärdering i
# februari"). Read where the clause has such a time and no verb in the past or perfect ("öppnade i mars", "har
# hållits i maj") and where the step is not a follow-up of finished work ("följs upp i december").
_MONTHS = r"(?:januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december)"
_TIME_TO_COME = re.compile(rf"\b(?:(?:i|under|från|till|inför|före|senast|efter)\s+(?:den\s+\d{{1,2}}\s+)?{_MONTHS}"
                           rf"|den\s+\d{{1,2}}\s+{_MONTHS}|{_MONTHS}\s*[–—-]\s*{_MONTHS}|(?:v\.?|vecka|veckorna)\s*\d{{1,2}})\b")
_PAST_VERB = re.compile(r"\b(?:\w{2,}(?:ade|ades|dde|ddes|tte|ttes)|\w+[^n\W](?:de|des|te|tes)|har|hade|var|varit|blev"
                        r"|fick|gav|kom|gick|tog|togs|hölls|sjönk|(?<!nästa )(?<!första )(?<!sista )(?<!ett )steg|drog|såg|fanns|skrevs|låg|stod|antogs|utsågs"
                        r"|genomgick|beslöt|lät|sa|sedan|hittills)\b")
_FOLLOW_UP = re.compile(r"\b(?:följs\s+upp|uppföljning\w*|rapporteras|redovisas\s+(?:i|för)\s+\w+rapport\w*)\b")


def _scheduled(clause: str) -> bool:
    """A step of the work set for a time to come, said in the present tense."""
    return bool(_TIME_TO_COME.search(clause)) and not _PAST_VERB.search(clause.replace("inte", "")) \
        and not _FOLLOW_UP.search(clause)


_NUMBER_WORDS = {"en": 1, "ett": 1, "två": 2, "tre": 3, "fyra": 4, "fem": 5, "sex": 6, "sju": 7, "åtta": 8, "nio": 9,
                 "tio": 10, "elva": 11, "tolv": 12}
_NUMBER = r"\d{1,4}|" + "|".join(_NUMBER_WORDS)
_OF = re.compile(rf"\b({_NUMBER})\s+(?:av|utav)\s+(?:de\s+)?({_NUMBER})\b", re.I)
_PERCENT = re.compile(r"\b(\d{1,3}(?:[,.]\d+)?)\s*(?:procent|%)")


@dataclass(frozen=True)
class ProgressReading:
    """What a comment says about progress: clauses per category, and completion as a share where stated."""

    counts: dict[str, int]
    completed_share: float | None
    clauses: int

    def says(self, category: str) -> bool:
        return self.counts.get(category, 0) > 0

    @property
    def silent(self) -> bool:
        """Nothing in the text speaks of progress: no tense of doing, no delay, no target, no trend."""
        informative = set(CATEGORIES) - {"all", "partly", "indicator", "positive", "negative"}
        return not any(self.counts.get(c, 0) for c in informative)


def _number(token: str) -> int:
    return int(token) if token.isdigit() else _NUMBER_WORDS[token.lower()]


def clauses(text: str) -> list[str]:
    return [c.strip() for c in CLAUSE_BREAK.split(text.lower()) if c and c.strip()]


def _negated(cue: Cue, clause: str, start: int, end: int) -> bool:
    """A negator among the few words before the cue, inside it, or right after it ("påbörjas inte")."""
    if cue.inner and NEGATORS.search(clause[start:end]):
        return True
    before = re.findall(r"\w+", clause[:start])[-cue.reach:]
    after = re.findall(r"\w+", clause[end:])[:1] if cue.inner else []
    return any(NEGATORS.fullmatch(w) for w in before) or bool(after and after[0] in {"inte", "ej"}) \
        or " utan att" in f" {' '.join(before[-2:])}"


@lru_cache(maxsize=8192)
def read_progress(text: str) -> ProgressReading:
    """Counts of clauses that say each category; a negated cue counts for its negation instead. Read once per
    text: the features, the rule, the direction and abstention all ask (the reading is not to be changed)."""
    counts: dict[str, int] = dict.fromkeys(CATEGORIES, 0)
    parts = clauses(text)
    for clause in parts:
        said: set[str] = set()
        claimed: list[tuple[int, int]] = []
        for cue in CLAIMING + OTHERS:
            for match in cue.pattern.finditer(clause):
                span = match.span()
                # A span inside a delay cue that itself holds the negation ("har inte kunnat starta") is that cue's.
                if any(s <= span[0] and span[1] <= e for s, e in claimed):
                    continue
                negated = cue.negated is not None and _negated(cue, clause, *span)
                said.add(cue.negated if negated else cue.says)  # type: ignore[arg-type]
                if cue in CLAIMING:
                    claimed.append(span)
        if _scheduled(clause):
            said.add("planned")
        for category in said:
            counts[category] += 1
    pairs = [(_number(a), _number(b)) for a, b in _OF.findall(text)]
    shares = [a / b for a, b in pairs if 0 < b and a <= b]
    # "6 av 10" says part of the target is reached, "10 av 10" all of it.
    counts["partly"] += sum(share < 1 for share in shares)
    counts["all"] += sum(share == 1 for share in shares)
    return ProgressReading(counts=counts, completed_share=min(shares) if shares else None, clauses=len(parts))


FEATURE_NAMES: tuple[str, ...] = (
    *(f"says_{c}" for c in CATEGORIES), *(f"share_{c}" for c in CATEGORIES),
    "completed_share", "no_share", "percent_mean", "silent",
)


def progress_features(text: str) -> np.ndarray:
    """Per category: whether it is said, and the share of clauses saying it; completion share; silence."""
    reading = read_progress(text)
    n = max(1, reading.clauses)
    percents = [float(p.replace(",", ".")) for p in _PERCENT.findall(text.lower())]
    percents = [p for p in percents if p <= 100]
    share = reading.completed_share
    return np.array(
        [float(reading.says(c)) for c in CATEGORIES]
        + [reading.counts[c] / n for c in CATEGORIES]
        + [share if share is not None else 0.0, float(share is None),
           (sum(percents) / len(percents) / 100) if percents else 0.0, float(reading.silent)]
    )


def reading_summary(text: str) -> list[str]:
    """The categories a comment says, in the order of CATEGORIES (for explanations and tests)."""
    reading = read_progress(text)
    return [c for c in CATEGORIES if reading.says(c)]


def progress_status(text: str) -> str:
    """A reviewer's reading of a comment without dates: waiting, not started, deviation, done, else on plan.
    Done needs a completed action and nothing still under way, planned or partial."""
    reading = read_progress(text)
    says = reading.says
    carried_out = says("done") or says("closed")
    if says("cancelled"):
        return "Avslutad med avvikelse"
    counts = reading.counts
    # Waiting said as often as a thing done: the thing done is what it waits since ("ligger på is sedan april").
    if says("waiting") and (not carried_out or counts["waiting"] >= counts["done"] + counts["closed"]):
        return "Vänteläge"
    # "Har inte påbörjats" outweighs a done word in the same comment ("… när strategen är på plats").
    if says("not_started") and counts["not_started"] >= counts["done"] and not says("ongoing") \
            and not says("delay"):
        return "Ej påbörjad"
    if says("not_done") and not (carried_out or says("perfect") or says("ongoing") or says("delay")):
        return "Ej påbörjad"
    if says("delay") or (says("obstacle") and not says("no_deviation")):
        return "Avslutad med avvikelse" if says("closed") else "Pågående med avvikelse"
    if says("closed") or (carried_out and not (says("ongoing") or says("planned") or says("partly"))):
        return "Avslutad enligt plan"
    return "Pågående enligt plan"


_BELOW = re.compile(r"\bunder\s+(?:målvärdet|målnivån|målet|måltalet)\b")
_ABOVE = re.compile(r"\b(?:över|överstiger)\s+(?:målvärdet|målnivån|målet|måltalet)\b")


def direction_features(title: str, text: str) -> np.ndarray:
    """Whether the comment's trend and its position against the target go the goal's way or against it."""
    direction = goal_direction(title)
    lowered = text.lower()
    # The way the indicator moved, read against the goal's way (figure_trend: +1 the better way, −1 the worse).
    trend = figure_trend(text, lower_is_better=direction < 0) if direction else 0
    position = float(bool(_ABOVE.search(lowered))) - float(bool(_BELOW.search(lowered)))
    return np.array([float(trend > 0), float(trend < 0),
                     float(direction * position > 0), float(direction * position < 0), float(direction == 0)])
