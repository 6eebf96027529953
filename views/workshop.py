"""A workshop: per touchpoint of its journey the room's ratings (mean, spread, agreement)
beside the customers' measured audit score with its 95 % interval. The facilitator's
screen, the results PDF and its table all read this model; a participant's phone reads
``phone_model``.

Low agreement: a touchpoint whose ratings have a sample standard deviation (n − 1) of at
least LOW_AGREEMENT_SD points, among at least two ratings; the room disagrees there, which
is worth discussing before any mean is believed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from data import scorecards, workshops
from data.accounts import User
from data.queries import Filters
from data.store import Store

LOW_AGREEMENT_SD = 2.0
COLUMNS = ["key", "name", "position", "phase_name", "phase_position", "n", "mean", "sd",
           "min", "max", "low_agreement", "customer_value", "customer_low", "customer_high",
           "customer_margin", "customer_n", "gap", "target", "note"]


@dataclass
class WorkshopModel:
    """One workshop: its row, the touchpoints in step order with the room's and the
    customers' numbers, and how many took part."""

    workshop: dict | None
    rows: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=COLUMNS))
    participants: int = 0
    ratings: int = 0
    low_agreement_sd: float = LOW_AGREEMENT_SD

    @property
    def state(self) -> str | None:
        return self.workshop["state"] if self.workshop else None

    @property
    def revealed(self) -> bool:
        """True once the facilitator revealed (and after the end): the room's numbers show."""
        return self.state in ("revealed", "closed", "reopened")

    @property
    def period(self) -> tuple:
        """The period of the customers' scores."""
        if not self.workshop:
            return None, None
        return self.workshop["customer_from"], self.workshop["customer_to"]


def spread(scores: pd.DataFrame) -> pd.DataFrame:
    """Per touchpoint_key: n, mean, sd (n − 1; NaN below two), min, max, low_agreement."""
    if scores.empty:
        return pd.DataFrame(columns=["touchpoint_key", "n", "mean", "sd", "min", "max",
                                     "low_agreement"])
    g = scores.groupby("touchpoint_key")["score"]
    out = pd.DataFrame({"n": g.size(), "mean": g.mean(), "sd": g.std(ddof=1),
                        "min": g.min(), "max": g.max()}).reset_index()
    out["low_agreement"] = (out["n"] >= 2) & (out["sd"] >= LOW_AGREEMENT_SD)
    return out


def _customers(store: Store, w: dict) -> pd.DataFrame:
    f = Filters.of(journeys=w["journey_key"], date_from=w["customer_from"],
                   date_to=w["customer_to"])
    card = scorecards.touchpoint_scorecard(store, f)
    return card[["key", "target", "customer_value", "customer_low", "customer_high",
                 "customer_n"]]


def model(store: Store, workshop_id) -> WorkshopModel:
    """The numbers of one workshop (an empty model for an unknown one)."""
    w = workshops.get_workshop(store, workshop_id)
    if w is None:
        return WorkshopModel(None)
    steps = workshops.touchpoints_of(store, w["journey_key"])
    ratings = workshops.ratings_of(store, w["id"])
    room = spread(ratings)
    rows = (steps.merge(room, left_on="key", right_on="touchpoint_key", how="left")
            .drop(columns=["touchpoint_key"])
            .merge(_customers(store, w), on="key", how="left"))
    rows["n"] = rows["n"].fillna(0).astype(int)
    rows["customer_n"] = rows["customer_n"].fillna(0).astype(int)
    rows["low_agreement"] = rows["low_agreement"].astype("boolean").fillna(False).astype(bool)
    rows["customer_margin"] = (rows["customer_high"] - rows["customer_low"]) / 2
    rows["gap"] = rows["mean"] - rows["customer_value"]
    notes = workshops.notes_of(store, w["id"])
    rows["note"] = [notes.get(k, "") for k in rows["key"]]
    participants = int(ratings["user_name"].nunique()) if not ratings.empty else 0
    return WorkshopModel(w, rows[COLUMNS].reset_index(drop=True), participants, len(ratings))


@dataclass
class PhoneModel:
    """A participant's phone: the workshop and their own rating per touchpoint."""

    workshop: dict | None
    steps: pd.DataFrame  # key, name, position, phase_name
    mine: dict[str, int]  # touchpoint key -> their score
    refusal: str | None = None  # "missing" or "closed"

    @property
    def done(self) -> int:
        return sum(1 for k in self.steps["key"] if k in self.mine) if not self.steps.empty \
            else 0


def phone_model(store: Store, user: User | None, code) -> PhoneModel:
    """What a participant rates: the journey's steps and their ratings so far."""
    w = workshops.find_by_code(store, code) if code else None
    if w is None or user is None:
        return PhoneModel(None, pd.DataFrame(columns=["key", "name"]), {}, "missing")
    steps = workshops.touchpoints_of(store, w["journey_key"])
    mine = workshops.ratings_of(store, w["id"], user.name)
    scores = {k: int(s) for k, s in zip(mine["touchpoint_key"], mine["score"], strict=True)}
    return PhoneModel(w, steps, scores, "closed" if w["state"] == "closed" else None)


def tables(m: WorkshopModel) -> dict[str, pd.DataFrame]:
    """The workshop's numbers as a table (one row per touchpoint)."""
    frame = m.rows.rename(columns={"name": "touchpoint", "phase_name": "phase",
                                   "n": "ratings", "mean": "room_mean", "sd": "room_sd",
                                   "min": "room_min", "max": "room_max",
                                   "customer_value": "customer_score",
                                   "customer_low": "customer_ci95_low",
                                   "customer_high": "customer_ci95_high",
                                   "customer_n": "customer_audits",
                                   "gap": "gap_room_minus_customers"})
    return {"Workshop": frame.drop(columns=["phase_position", "customer_margin"]).replace(
        {np.nan: None})}
