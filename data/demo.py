"""Demo dataset: "Stadtwerke Nordlicht", a regional internet and energy provider.

Deterministic for a seed. Four journeys, five personas, the seven seed phases, the seed
channels, six departments and 68 touchpoints; two years of weekly audits from customer,
employee and expert perspective; NPS / CES / CSAT responses; daily web metrics.

Stories built in, so the dashboards have something to say:

- the fault hotline (``st-hotline``) degrades over the last ten weeks (staff shortage);
- the online bill (``re-online-rechnung``) recovers after a redesign half a year ago;
- the phase "Lieferung" (connection, installation, move-in) is weak in every journey;
- employees rate their touchpoints better than customers do (inside-out vs outside-in).
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import sqlalchemy as sa

from data import schema
from data.ingest import commit
from data.store import Store, bump_data_version

END = dt.date(2026, 11, 15)  # a Sunday; the data ends with a complete week
WEEKS = 104

PERSONAS = [
    ("familie", "Sabine Schneider – Familie", "Mutter von zwei Kindern, organisiert den Haushalt.",
     "Das Internet muss einfach laufen – bei vier Geräten gleichzeitig.",
     "Verlässlichkeit; ein fester Preis; schnelle Hilfe am Abend", "41 Jahre, Lüneburg, Teilzeit"),
    ("student", "Jonas Becker – Student", "Zieht zum Studium in die erste eigene Wohnung.",
     "Ich will alles online erledigen, sofort und ohne Papierkram.",
     "Günstig; alles per App; kein Warten", "23 Jahre, Kiel, WG"),
    ("senior", "Helga Wagner – Seniorin", "Langjährige Kundin, telefoniert lieber.",
     "Ich möchte mit einem Menschen sprechen, der mir zuhört.",
     "Persönlicher Kontakt; verständliche Rechnung; keine Überraschungen",
     "68 Jahre, Rentnerin, Husum"),
    ("homeoffice", "Murat Yilmaz – Homeoffice", "Selbstständiger IT-Berater, arbeitet von zu Hause.",
     "Jede Minute ohne Verbindung kostet mich Geld.",
     "Stabile Leitung; Entstörung am selben Tag; Ansprechpartner mit Fachwissen",
     "36 Jahre, Hamburg, selbstständig"),
    ("oeko", "Lena Hoffmann – Nachhaltig", "Achtet auf Herkunft von Strom und faire Verträge.",
     "Ökostrom ja – aber transparent und ehrlich.",
     "Nachweisbarer Ökostrom; faire Laufzeiten; digitale Rechnung",
     "29 Jahre, Flensburg, Angestellte"),
]

PHASES = ["Inspiration", "Recherche", "Überlegung", "Angebot", "Kauf", "Lieferung", "Nutzung"]
PHASE_KEYS = ["inspiration", "recherche", "ueberlegung", "angebot", "kauf", "lieferung", "nutzung"]

# Okabe–Ito and friends: distinguishable for the common colour-vision deficiencies.
CHANNELS = [
    ("online", "Online/Mobile", "#0072B2"),
    ("email", "E-Mail/Newsletter", "#56B4E9"),
    ("radio-tv", "Radio/TV", "#CC79A7"),
    ("print", "Print", "#999999"),
    ("telefon", "Telefon", "#E69F00"),
    ("pos", "POS", "#009E73"),
    ("pr", "PR", "#F0E442"),
    ("social", "Social Web", "#D55E00"),
    ("verpackung", "Verpackung/Produkt", "#8C6D31"),
    ("formular", "Formular", "#6A3D9A"),
]

DEPARTMENTS = [
    ("VT", "Vertrieb"), ("KS", "Kundenservice"), ("TS", "Technischer Service"),
    ("AB", "Abrechnung"), ("MK", "Marketing"), ("IT", "Digital & IT"),
]

JOURNEYS = [
    ("vertrag", "Vertragsabschluss Glasfaser & Ökostrom",
     "Einen passenden Tarif finden und ohne Aufwand abschließen", "Akquise",
     ["familie", "student", "homeoffice", "oeko"]),
    ("umzug", "Umzug mit Internet & Strom", "Am neuen Wohnort ab Tag 1 versorgt sein", "Bindung",
     ["familie", "student", "senior"]),
    ("stoerung", "Störung beheben", "Schnell wieder stabil online sein", "Service",
     ["familie", "senior", "homeoffice"]),
    ("rechnung", "Rechnung verstehen", "Die Rechnung nachvollziehen und Fragen klären", "Service",
     ["familie", "senior", "oeko", "student"]),
]

# journey, key, name, phase, channel, department, pain point, moment of truth, url path
TOUCHPOINTS = [
    ("vertrag", "vt-radiospot", "Radiospot Glasfaser", "inspiration", "radio-tv", "MK", 0, 0, ""),
    ("vertrag", "vt-social-ads", "Social-Media-Kampagne", "inspiration", "social", "MK", 0, 0, ""),
    ("vertrag", "vt-plakat", "Plakat & Postwurf", "inspiration", "print", "MK", 0, 0, ""),
    ("vertrag", "vt-presse", "Pressebericht Ausbau", "inspiration", "pr", "MK", 0, 0, ""),
    ("vertrag", "vt-website-tarife", "Tarifseite", "recherche", "online", "IT", 0, 0, "/tarife"),
    ("vertrag", "vt-verfuegbarkeit", "Verfügbarkeitscheck", "recherche", "online", "IT", 1, 1,
     "/verfuegbarkeit"),
    ("vertrag", "vt-vergleichsportal", "Vergleichsportal-Eintrag", "recherche", "online", "VT", 0, 0,
     ""),
    ("vertrag", "vt-newsletter", "Newsletter Ausbau-Info", "ueberlegung", "email", "MK", 0, 0, ""),
    ("vertrag", "vt-beratung-telefon", "Telefonische Tarifberatung", "ueberlegung", "telefon", "VT",
     0, 0, ""),
    ("vertrag", "vt-kundencenter", "Beratung im Kundencenter", "ueberlegung", "pos", "VT", 0, 0, ""),
    ("vertrag", "vt-angebot-pdf", "Persönliches Angebot", "angebot", "email", "VT", 0, 0, ""),
    ("vertrag", "vt-tarifrechner", "Tarifrechner", "angebot", "online", "IT", 0, 0, "/tarifrechner"),
    ("vertrag", "vt-bestellstrecke", "Online-Bestellstrecke", "kauf", "online", "IT", 1, 1,
     "/bestellen"),
    ("vertrag", "vt-auftragsformular", "Auftragsformular Papier", "kauf", "formular", "VT", 1, 0, ""),
    ("vertrag", "vt-bestaetigung", "Auftragsbestätigung", "kauf", "email", "VT", 0, 0, ""),
    ("vertrag", "vt-router-paket", "Router-Paket & Anleitung", "lieferung", "verpackung", "TS", 0, 0,
     ""),
    ("vertrag", "vt-anschluss-termin", "Anschlusstermin Techniker", "lieferung", "telefon", "TS", 1,
     1, ""),
    ("vertrag", "vt-freischaltung", "Freischaltung", "lieferung", "online", "TS", 1, 1,
     "/status"),
    ("vertrag", "vt-willkommen", "Willkommens-Mail", "nutzung", "email", "KS", 0, 0, ""),
    ("umzug", "um-umzugsseite", "Umzugsseite", "recherche", "online", "IT", 0, 0, "/umzug"),
    ("umzug", "um-faq", "FAQ Umzug", "recherche", "online", "KS", 0, 0, "/umzug/faq"),
    ("umzug", "um-hotline", "Umzugs-Hotline", "ueberlegung", "telefon", "KS", 1, 0, ""),
    ("umzug", "um-verfuegbarkeit", "Verfügbarkeit neue Adresse", "ueberlegung", "online", "IT", 1, 1,
     "/umzug/verfuegbarkeit"),
    ("umzug", "um-angebot", "Umzugsangebot", "angebot", "email", "VT", 0, 0, ""),
    ("umzug", "um-formular", "Umzugsformular online", "kauf", "online", "IT", 0, 1,
     "/umzug/melden"),
    ("umzug", "um-formular-papier", "Umzugsmeldung per Brief", "kauf", "formular", "KS", 1, 0, ""),
    ("umzug", "um-bestaetigung", "Umzugsbestätigung", "kauf", "email", "KS", 0, 0, ""),
    ("umzug", "um-zaehlerstand", "Zählerstand melden", "lieferung", "online", "AB", 1, 0,
     "/zaehlerstand"),
    ("umzug", "um-techniker", "Techniker am neuen Wohnort", "lieferung", "pos", "TS", 1, 1, ""),
    ("umzug", "um-erste-rechnung", "Erste Rechnung neue Adresse", "nutzung", "print", "AB", 0, 0,
     ""),
    ("umzug", "um-app", "Kunden-App Adressdaten", "nutzung", "online", "IT", 0, 0, "/app"),
    ("umzug", "um-social", "Fragen in Social Media", "nutzung", "social", "KS", 0, 0, ""),
    ("stoerung", "st-statusseite", "Störungsstatus online", "recherche", "online", "IT", 0, 0,
     "/stoerung"),
    ("stoerung", "st-app-check", "Leitungscheck in der App", "recherche", "online", "IT", 0, 0,
     "/app/leitungscheck"),
    ("stoerung", "st-social", "Störungsmeldung Social Web", "recherche", "social", "KS", 0, 0, ""),
    ("stoerung", "st-hotline", "Störungshotline", "ueberlegung", "telefon", "KS", 1, 1, ""),
    ("stoerung", "st-chat", "Service-Chat", "ueberlegung", "online", "KS", 0, 0, "/chat"),
    ("stoerung", "st-ticket-mail", "Ticketbestätigung", "angebot", "email", "KS", 0, 0, ""),
    ("stoerung", "st-terminangebot", "Terminangebot Techniker", "angebot", "telefon", "TS", 1, 0, ""),
    ("stoerung", "st-sms-info", "Status-Updates per SMS", "kauf", "online", "TS", 0, 0, ""),
    ("stoerung", "st-techniker", "Techniker vor Ort", "lieferung", "pos", "TS", 0, 1, ""),
    ("stoerung", "st-ersatzrouter", "Ersatzrouter-Versand", "lieferung", "verpackung", "TS", 1, 0,
     ""),
    ("stoerung", "st-gutschrift", "Gutschrift Ausfallzeit", "nutzung", "print", "AB", 1, 0, ""),
    ("stoerung", "st-nachfrage", "Nachfrage-Anruf", "nutzung", "telefon", "KS", 0, 0, ""),
    ("stoerung", "st-bewertung", "Bewertungsmail", "nutzung", "email", "MK", 0, 0, ""),
    ("stoerung", "st-pressemitteilung", "Pressemitteilung Großstörung", "inspiration", "pr", "MK", 0,
     0, ""),
    ("stoerung", "st-kundencenter", "Kundencenter Störung", "ueberlegung", "pos", "KS", 0, 0, ""),
    ("rechnung", "re-rechnung-papier", "Papierrechnung", "nutzung", "print", "AB", 1, 0, ""),
    ("rechnung", "re-online-rechnung", "Online-Rechnung im Kundenportal", "nutzung", "online", "AB",
     1, 1, "/portal/rechnung"),
    ("rechnung", "re-erklaervideo", "Erklärvideo Rechnung", "recherche", "online", "MK", 0, 0,
     "/rechnung/erklaert"),
    ("rechnung", "re-faq", "FAQ Rechnung", "recherche", "online", "AB", 0, 0, "/rechnung/faq"),
    ("rechnung", "re-hotline", "Abrechnungs-Hotline", "ueberlegung", "telefon", "AB", 1, 1, ""),
    ("rechnung", "re-kontaktformular", "Kontaktformular Rechnung", "ueberlegung", "formular", "AB",
     0, 0, "/kontakt"),
    ("rechnung", "re-chat", "Chat zur Rechnung", "ueberlegung", "online", "KS", 0, 0, "/chat/rechnung"),
    ("rechnung", "re-abschlag", "Abschlagsanpassung", "angebot", "online", "AB", 0, 0,
     "/portal/abschlag"),
    ("rechnung", "re-ratenplan", "Ratenzahlung vereinbaren", "angebot", "telefon", "AB", 0, 0, ""),
    ("rechnung", "re-sepa", "SEPA-Mandat ändern", "kauf", "formular", "AB", 0, 0, ""),
    ("rechnung", "re-korrektur", "Rechnungskorrektur", "lieferung", "email", "AB", 1, 1, ""),
    ("rechnung", "re-jahresabrechnung", "Jahresabrechnung Strom", "lieferung", "print", "AB", 1, 0,
     ""),
    ("rechnung", "re-mahnung", "Zahlungserinnerung", "lieferung", "print", "AB", 1, 0, ""),
    ("rechnung", "re-tarifwechsel", "Tarifwechsel-Angebot", "angebot", "email", "VT", 0, 0, ""),
    ("rechnung", "re-kundencenter", "Rechnungsfragen im Kundencenter", "ueberlegung", "pos", "KS",
     0, 0, ""),
    ("rechnung", "re-app-push", "App-Hinweis neue Rechnung", "nutzung", "online", "IT", 0, 0,
     "/app/rechnung"),
    ("rechnung", "re-newsletter", "Spartipps-Newsletter", "inspiration", "email", "MK", 0, 0, ""),
    ("rechnung", "re-social", "Rechnungsfragen Social Web", "ueberlegung", "social", "KS", 0, 0, ""),
    ("rechnung", "re-oekostrom-nachweis", "Ökostrom-Nachweis", "nutzung", "verpackung", "MK", 0, 0,
     "/oekostrom"),
    ("rechnung", "re-zaehler-app", "Zählerstand per App", "recherche", "online", "IT", 0, 0,
     "/app/zaehler"),
]

QUESTIONS = {
    "customer": ["Verständlichkeit", "Schnelligkeit", "Freundlichkeit", "Ergebnis"],
    "employee": ["Prozessqualität", "Systemunterstützung"],
    "expert": ["Markenauftritt", "Barrierefreiheit"],
}

POSITIVE = [
    "Sehr freundlich und kompetent, danke!", "Alles hat auf Anhieb geklappt.",
    "Schnelle Hilfe, gerne wieder.", "Endlich eine verständliche Rechnung.",
    "Der Techniker war pünktlich und hat alles erklärt.",
]
NEGATIVE = [
    "Über 40 Minuten in der Warteschleife.", "Niemand fühlt sich zuständig.",
    "Die Rechnung ist mir völlig unklar.", "Termin wurde zweimal verschoben.",
    "Die Website hat meine Adresse nicht gefunden.", "Ich musste dreimal anrufen.",
]
NEUTRAL = ["Geht so.", "Hat funktioniert, aber umständlich.", "Ok, nichts Besonderes."]


def catalog_frames() -> dict[str, pd.DataFrame]:
    """Return the demo catalog as insert-ready frames, as a validated catalog import is."""
    rng = np.random.default_rng(7)  # the catalog is the same for every seed
    tps = pd.DataFrame(TOUCHPOINTS, columns=["journey_key", "key", "name", "phase_key",
                                             "channel_key", "department_key", "pain_point",
                                             "moment_of_truth", "url"])
    tps["pain_point"] = tps["pain_point"].astype(bool)
    tps["moment_of_truth"] = tps["moment_of_truth"].astype(bool)
    phase_order = {k: i for i, k in enumerate(PHASE_KEYS)}
    tps = tps.sort_values(["journey_key", "phase_key"], key=lambda s: s.map(phase_order)
                          if s.name == "phase_key" else s, kind="stable")
    tps["position"] = tps.groupby("journey_key").cumcount() + 1
    tps["target"] = np.round(rng.uniform(7.0, 8.0, len(tps)) * 2) / 2
    tps.loc[tps["moment_of_truth"], "target"] = 8.0
    tps["best_in_class"] = np.minimum(10.0, tps["target"] + np.round(rng.uniform(1.0, 2.0, len(tps))
                                                                       * 2) / 2)
    tps["url"] = ("https://www.nordlicht-energie.de" + tps["url"]).where(tps["url"] != "")
    media = {"online": "digital", "email": "digital", "social": "digital", "radio-tv": "Massenmedium",
             "print": "Druck", "pr": "Massenmedium", "telefon": "persönlich", "pos": "persönlich",
             "verpackung": "physisch", "formular": "Druck"}
    tps["media_type"] = tps["channel_key"].map(media)
    tps["frequency"] = np.where(tps["journey_key"].isin(["rechnung"]), "monatlich", "einmalig")
    tps["notes"] = None
    tps.loc[tps["key"] == "st-hotline", "notes"] = "Personalengpass seit September; Callback geplant."
    tps.loc[tps["key"] == "re-online-rechnung", "notes"] = "Redesign live seit Mai 2026."
    journeys = pd.DataFrame(
        [(k, n, g, s, i + 1) for i, (k, n, g, s, _) in enumerate(JOURNEYS)],
        columns=["key", "name", "goal", "lifecycle_stage", "position"],
    )
    links = pd.DataFrame([(k, p) for k, *_, ps in JOURNEYS for p in ps],
                         columns=["journey_key", "persona_key"])
    return {
        "personas": pd.DataFrame(PERSONAS, columns=["key", "name", "description", "quote", "goals",
                                                    "demographics"]),
        "phases": pd.DataFrame({"key": PHASE_KEYS, "name": PHASES,
                                "position": range(1, len(PHASES) + 1)}),
        "channels": pd.DataFrame(CHANNELS, columns=["key", "name", "color"]),
        "departments": pd.DataFrame(DEPARTMENTS, columns=["key", "name"]),
        "journeys": journeys,
        "touchpoints": tps.reset_index(drop=True),
        "journey_personas": links,
    }


def quality(tps: pd.DataFrame, weeks: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Return the true customer-perceived quality (1–10) per touchpoint and week index."""
    base = tps["target"].to_numpy() + rng.normal(-0.2, 0.8, len(tps))
    base = base - np.where(tps["phase_key"].to_numpy() == "lieferung", 1.4, 0.0)
    base = base - np.where(tps["pain_point"].to_numpy(), 0.6, 0.0)
    q = np.repeat(base[:, None], len(weeks), axis=1)
    q += 0.3 * np.sin(weeks[None, :] / 8.0 + rng.uniform(0, 6, (len(tps), 1)))
    keys = tps["key"].to_numpy()
    hotline = keys == "st-hotline"
    q[hotline] = 8.4
    decline = np.clip((weeks - (WEEKS - 10)) / 10.0, 0, 1)
    q[hotline] -= 3.4 * decline
    online_bill = keys == "re-online-rechnung"
    q[online_bill] = np.where(weeks < WEEKS - 26, 4.9, 4.9 + np.clip((weeks - (WEEKS - 26)) / 6, 0, 1)
                              * 3.4)
    return np.clip(q, 1.5, 9.8)


def _week_starts(end: dt.date) -> pd.DatetimeIndex:
    last_monday = pd.Timestamp(end) - pd.Timedelta(days=pd.Timestamp(end).weekday())
    return pd.date_range(end=last_monday, periods=WEEKS, freq="7D")


def audit_frame(tps, q, end: dt.date, rng, scale: float = 1.0) -> pd.DataFrame:
    """Return weekly audits: several customer audits, an employee and an occasional expert
    view; ``scale`` multiplies how many there are."""
    starts = _week_starts(end)
    n_tp, n_w = q.shape
    parts = []
    for perspective, lam, bias in (("customer", 3.2, 0.0), ("employee", 0.6, 1.2),
                                   ("expert", 0.15, 0.3)):
        counts = rng.poisson(lam * scale, size=(n_tp, n_w))
        tp_idx, w_idx = np.nonzero(counts)
        reps = counts[tp_idx, w_idx]
        tp_idx, w_idx = np.repeat(tp_idx, reps), np.repeat(w_idx, reps)
        scores = np.clip(np.rint(rng.normal(q[tp_idx, w_idx] + bias, 1.2)), 1, 10)
        day = rng.integers(0, 7, len(tp_idx))
        questions = QUESTIONS[perspective]
        frame = pd.DataFrame({
            "touchpoint_key": tps["key"].to_numpy()[tp_idx],
            "date": (starts[w_idx] + pd.to_timedelta(day, unit="D")).date,
            "perspective": perspective,
            "question": np.array(questions)[rng.integers(0, len(questions), len(tp_idx))],
            "score": scores.astype("int16"),
        })
        comment = rng.random(len(frame)) < 0.08
        negative = comment & (frame["score"] <= 5)
        positive = comment & (frame["score"] >= 8)
        frame["comment"] = None
        frame.loc[negative, "comment"] = rng.choice(NEGATIVE, int(negative.sum()))
        frame.loc[positive, "comment"] = rng.choice(POSITIVE, int(positive.sum()))
        parts.append(frame)
    return pd.concat(parts, ignore_index=True).sort_values("date", kind="stable")


def survey_frame(tps, q, n: int, end: dt.date, rng) -> pd.DataFrame:
    """Return n NPS/CES/CSAT responses whose scores follow the touchpoints' quality."""
    starts = _week_starts(end)
    journey_keys = [j[0] for j in JOURNEYS]
    persona_keys = [p[0] for p in PERSONAS]
    metric_codes = rng.choice(3, size=n, p=[0.5, 0.25, 0.25])
    # More responses lately: the programme grows.
    week = np.minimum((np.sqrt(rng.random(n)) * WEEKS).astype(np.int64), WEEKS - 1)
    day = rng.integers(0, 7, n)
    tp_journey = tps["journey_key"].map({k: i for i, k in enumerate(journey_keys)}).to_numpy()
    tp_idx = rng.integers(0, len(tps), n)
    linked = rng.random(n) < 0.7
    journey = np.where(linked, tp_journey[tp_idx], rng.choice(len(journey_keys), n,
                                                              p=[0.35, 0.15, 0.25, 0.25]))
    journey_quality = np.array([q[tp_journey == j].mean(axis=0) for j in range(len(journey_keys))])
    level = np.where(linked, q[tp_idx, week], journey_quality[journey, week])
    persona = rng.choice(len(persona_keys) + 1, n, p=[0.25, 0.2, 0.15, 0.15, 0.15, 0.1])
    persona_offset = np.array([0.0, 0.3, -0.4, -0.6, 0.2, 0.0])[persona]
    level = level + persona_offset
    noise = rng.standard_normal(n)
    score = np.empty(n, dtype=np.int16)
    nps_, ces_, csat_ = metric_codes == 0, metric_codes == 1, metric_codes == 2
    score[nps_] = np.clip(np.rint(level[nps_] + 1.1 + 2.1 * noise[nps_]), 0, 10)
    score[ces_] = np.clip(np.rint(1 + (level[ces_] - 1) * 0.68 + 1.1 * noise[ces_]), 1, 7)
    score[csat_] = np.clip(np.rint(1 + (level[csat_] - 1) * 0.46 + 0.85 * noise[csat_]), 1, 5)

    tp_codes = np.where(linked, tp_idx, -1)
    channel_keys = [c[0] for c in CHANNELS]
    tp_channel = tps["channel_key"].map({k: i for i, k in enumerate(channel_keys)}).to_numpy()
    channel = np.where(linked, tp_channel[tp_idx], rng.choice([0, 1, 4], n))
    pools = [NEGATIVE, NEUTRAL, POSITIVE]
    comments = NEGATIVE + NEUTRAL + POSITIVE
    share = np.where(nps_, score / 10.0, np.where(ces_, (score - 1) / 6.0, (score - 1) / 4.0))
    mood = np.digitize(share, [0.45, 0.75])
    has_comment = rng.random(n) < 0.04
    offsets = np.cumsum([0] + [len(p) for p in pools])[:-1]
    pick = offsets[mood] + (rng.integers(0, 1_000_000, n) % np.array([len(p) for p in pools])[mood])
    comment_codes = np.where(has_comment, pick, -1)
    dates = (starts.to_numpy()[week] + (day * np.timedelta64(1, "D"))).astype("datetime64[D]")
    return pd.DataFrame({
        "metric": pd.Categorical.from_codes(metric_codes, ["nps", "ces", "csat"]),
        "score": score,
        "date": dates,
        "response_id": np.char.add("D", np.arange(1, n + 1).astype("U10")),
        "journey_key": pd.Categorical.from_codes(journey, journey_keys),
        "touchpoint_key": pd.Categorical.from_codes(tp_codes, list(tps["key"])),
        "persona_key": pd.Categorical.from_codes(np.where(persona < len(persona_keys), persona, -1),
                                                 persona_keys),
        "channel_key": pd.Categorical.from_codes(channel, channel_keys),
        "comment": pd.Categorical.from_codes(comment_codes, comments),
    })


def web_frame(tps, q, end: dt.date, rng) -> pd.DataFrame:
    """Return daily sessions, conversions, bounces and time on page per touchpoint URL."""
    with_url = tps[tps["url"].notna()].reset_index(drop=True)
    idx = tps.index[tps["url"].notna()].to_numpy()
    days = pd.date_range(end=pd.Timestamp(end), periods=WEEKS * 7, freq="D")
    n_tp, n_d = len(with_url), len(days)
    base = rng.uniform(80, 2500, n_tp)
    weekday = np.where(days.day_of_week >= 5, 0.7, 1.0)
    sessions = rng.poisson(base[:, None] * weekday[None, :] * np.linspace(0.8, 1.2, n_d)[None, :])
    day_week = np.minimum(np.arange(n_d) // 7, WEEKS - 1)
    level = q[idx][:, day_week]
    rate = np.clip(0.01 + (level - 4) * 0.012, 0.002, 0.2)
    conversions = rng.binomial(sessions, rate)
    bounces = rng.binomial(sessions, np.clip(0.75 - level * 0.05, 0.15, 0.8))
    time_on_page = np.round(rng.normal(40 + level * 12, 15), 1).clip(5)
    return pd.DataFrame({
        "date": np.tile(days.date, n_tp),
        "touchpoint_key": np.repeat(with_url["key"].to_numpy(), n_d),
        "url": np.repeat(with_url["url"].to_numpy(), n_d),
        "sessions": sessions.ravel().astype("int64"),
        "conversions": conversions.ravel().astype("int64"),
        "bounces": bounces.ravel().astype("int64"),
        "time_on_page_s": time_on_page.ravel(),
    })


def generate(responses: int = 200_000, seed: int = 1, end: dt.date = END) -> dict[str, pd.DataFrame]:
    """Return every demo frame: the catalog tables plus audit, survey and web facts."""
    rng = np.random.default_rng(seed)
    frames = catalog_frames()
    tps = frames["touchpoints"]
    q = quality(tps, np.arange(WEEKS), rng)
    # About one audit per ten responses once there are more than ~270 k responses
    # (the benchmark's 10 M responses come with ~1 M audits); smaller sets keep ~27 k.
    frames["audit"] = audit_frame(tps, q, end, rng, scale=max(1.0, responses / 270_000))
    frames["survey"] = survey_frame(tps, q, responses, end, rng)
    frames["web"] = web_frame(tps, q, end, rng)
    return frames


def load(store: Store, responses: int = 200_000, seed: int = 1, end: dt.date = END) -> dict:
    """Generate the demo dataset and import it as four batches; return row counts per kind."""
    frames = generate(responses, seed, end)
    catalog = {k: frames[k] for k in ("personas", "phases", "channels", "departments",
                                      "journeys", "touchpoints", "journey_personas")}
    commit(store, "catalog", catalog, file_name="demo catalog", created_by="demo", preset="demo")
    counts = {"catalog": sum(len(v) for k, v in catalog.items() if k != "journey_personas")}
    for kind, name in (("audit", "audit"), ("survey", "survey"), ("web", "web")):
        commit(store, kind, {kind: frames[name]}, file_name=f"demo {name}", created_by="demo",
               preset="demo")
        counts[name] = len(frames[name])
    counts["actions"] = add_actions(store, end)
    return counts


def stories(end: dt.date = END) -> list:
    """The stories above that alerts should see: the hotline's decline, the bill's recovery."""
    from data.alerts.backtest import Story

    starts = _week_starts(end)
    return [Story("fault hotline degrading", "st-hotline", starts[WEEKS - 10].date(), "down"),
            Story("online bill recovering", "re-online-rechnung", starts[WEEKS - 26].date(),
                  "up")]


def add_actions(store: Store, end: dt.date = END) -> int:
    """A few actions of the stories above: the online bill's redesign (done, worked), more
    staff for the hotline (done, did not work), and open ones, one of them overdue."""
    from data import actions
    from data.accounts import User

    demo = User("demo", "admin")
    starts = _week_starts(end)
    redesign, staffing = starts[WEEKS - 26].date(), starts[WEEKS - 10].date()
    items = [
        dict(title="Redesign der Online-Rechnung", touchpoint_key="re-online-rechnung",
             owner_department="AB", status="done", done_on=redesign, due_date=redesign, origin="gap",
             description="Verständliche Posten, Vergleich zum Vormonat, Hilfe-Links."),
        dict(title="Zusätzliche Schicht in der Störungshotline", touchpoint_key="st-hotline",
             owner_department="KS", status="done", done_on=staffing, due_date=staffing, origin="mover",
             description="Eine Abendschicht mehr; Rückruf statt Warteschleife."),
        dict(title="Rückruf-Service binnen 2 Stunden", touchpoint_key="st-hotline",
             status="in_progress", due_date=end + dt.timedelta(days=30), origin="comment"),
        dict(title="Termintreue der Techniker messen", touchpoint_key="um-techniker",
             status="open", due_date=end - dt.timedelta(days=14)),
    ]
    known = set(actions.queries.catalog(store)["touchpoints"]["key"])
    done = 0
    for item in items:
        if item["touchpoint_key"] in known:
            new_id = actions.create(store, demo, actor="demo", **item)
            # Dated into the demo's story (decided weeks before they were due), so the
            # views of past periods hold them as they would have then.
            created = dt.datetime.combine(item["due_date"] - dt.timedelta(days=42), dt.time(9))
            changed = dt.datetime.combine(item.get("done_on") or end, dt.time(17))
            with store.begin() as conn:
                conn.execute(schema.actions.update().where(schema.actions.c.id == new_id)
                             .values(created_at=created, changed_at=changed))
                bump_data_version(conn)
            done += 1
    return done


ACTION_TEMPLATES = ("Wartezeit senken", "Texte verständlicher machen", "Schulung des Teams",
                    "Prozess vereinfachen", "Rückmeldung an Kunden verbessern",
                    "Fehlerquelle beseitigen", "Erreichbarkeit erhöhen", "Formular kürzen")
BULK_STATUSES = ("open", "in_progress", "done", "dropped")
BULK_WEIGHTS_PAST = (0.08, 0.04, 0.73, 0.15)
BULK_WEIGHTS_RECENT = (0.45, 0.40, 0.12, 0.03)


def add_many_actions(store: Store, n: int, seed: int = 1, end: dt.date = END) -> int:
    """``n`` more actions spread over every touchpoint and the two years, for the
    benchmark (``cxdash demo --actions N``): a department's action backlog as it grows in
    a large organisation. Written in one statement, as synthetic data without audit-trail
    entries; their creation and change times lie in the story's past."""
    if n <= 0:
        return 0
    rng = np.random.default_rng(seed + 17)
    tps = store.read_sql(sa.select(schema.touchpoints.c.key, schema.touchpoints.c.journey_key,
                                   schema.touchpoints.c.department_key))
    if tps.empty:
        return 0
    pick = rng.integers(0, len(tps), n)
    due_offset = rng.integers(-7 * (WEEKS - 8), 120, n)  # mostly in the past, some ahead
    # Long past due: mostly closed; due lately or ahead: mostly still open.
    past = rng.choice(BULK_STATUSES, n, p=BULK_WEIGHTS_PAST)
    recent = rng.choice(BULK_STATUSES, n, p=BULK_WEIGHTS_RECENT)
    status = np.where(due_offset < -30, past, recent)
    title = rng.integers(0, len(ACTION_TEMPLATES), n)
    rows = []
    for i in range(n):
        tp = tps.iloc[int(pick[i])]
        due = end + dt.timedelta(days=int(due_offset[i]))
        created = dt.datetime.combine(due - dt.timedelta(days=42), dt.time(9))
        done = due + dt.timedelta(days=int(rng.integers(-10, 11))) if status[i] == "done" \
            else None
        changed = dt.datetime.combine(min(done or due, end), dt.time(17))
        rows.append(dict(
            title=f"{ACTION_TEMPLATES[int(title[i])]} ({tp['key']}, Nr. {i + 1})",
            journey_key=tp["journey_key"], touchpoint_key=tp["key"],
            owner_department=tp["department_key"], due_date=due, status=str(status[i]),
            done_on=min(done, end) if done else None, origin=None,
            created_by="demo", created_at=created, changed_by="demo",
            changed_at=max(changed, created)))
    with store.begin() as conn:
        conn.execute(schema.actions.insert(), rows)
        bump_data_version(conn)
    return n
