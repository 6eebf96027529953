"""Progress: which touchpoints an auditor has finished, and how far a round has come."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from data.audit_rounds.answers import answers_of
from data.audit_rounds.questions import list_questions, questions_for
from data.audit_rounds.rounds import invitations, round_touchpoints
from data.store import Store


@dataclass
class Step:
    """One touchpoint of a round for one auditor: its questions and their answers."""

    key: str
    name: str
    journey_name: str
    questions: pd.DataFrame  # id, text_de, text_en, half_points
    answers: dict[int, dict] = field(default_factory=dict)  # question id -> score, comment

    @property
    def done(self) -> bool:
        """Every question has a score."""
        return all(self.answers.get(int(i), {}).get("score") is not None
                   for i in self.questions["id"])


@dataclass
class Progress:
    """How far a round has come: per auditor and per touchpoint."""

    touchpoints: int
    auditors: pd.DataFrame  # user_name, via_department, done (touchpoints), answers (scores)
    per_touchpoint: pd.DataFrame  # touchpoint_key, name, answers, auditors_done
    answers: int  # scores given in all


def walk(store: Store, round_id: int, user_name: str) -> list[Step]:
    """An auditor's steps through a round, in order, with what they answered so far."""
    questions = list_questions(store)
    answers = answers_of(store, round_id, user_name)
    steps = []
    for row in round_touchpoints(store, round_id).to_dict("records"):
        asked = questions_for(questions, row["touchpoint_key"], row["journey_key"])
        mine = answers.loc[answers["touchpoint_key"] == row["touchpoint_key"]]
        steps.append(Step(row["touchpoint_key"], row["name"], row["journey_name"] or "", asked,
                          {int(a["question_id"]): {"score": _value(a["score"]),
                                                   "comment": _value(a["comment"])}
                           for a in mine.to_dict("records")}))
    return steps


def _value(value):
    return None if value is None or (isinstance(value, float) and pd.isna(value)) else value


def next_open(steps: list[Step]) -> int:
    """The index of the first touchpoint not finished (the last when all are)."""
    return next((i for i, s in enumerate(steps) if not s.done), max(len(steps) - 1, 0))


def progress(store: Store, round_id: int) -> Progress:
    """Who answered how much, and how many answers each touchpoint has."""
    touchpoints = round_touchpoints(store, round_id)
    invited = invitations(store, round_id)
    answers = answers_of(store, round_id)
    scored = answers.loc[answers["score"].notna()]
    questions = list_questions(store)
    needed = {row["touchpoint_key"]: set(questions_for(questions, row["touchpoint_key"],
                                                       row["journey_key"])["id"].astype(int))
              for row in touchpoints.to_dict("records")}
    done_by: dict[str, set[str]] = {}
    for (user, key), group in scored.groupby(["user_name", "touchpoint_key"]):
        if key in needed and needed[key] <= set(group["question_id"].astype(int)):
            done_by.setdefault(user, set()).add(key)
    auditors = pd.DataFrame({
        "user_name": invited["user_name"],
        "via_department": invited["via_department"],
        "done": [len(done_by.get(u, ())) for u in invited["user_name"]],
        "answers": [int((scored["user_name"] == u).sum()) for u in invited["user_name"]],
    })
    per_touchpoint = pd.DataFrame({
        "touchpoint_key": touchpoints["touchpoint_key"],
        "name": touchpoints["name"],
        "answers": [int((scored["touchpoint_key"] == k).sum())
                    for k in touchpoints["touchpoint_key"]],
        "auditors_done": [sum(k in keys for keys in done_by.values())
                          for k in touchpoints["touchpoint_key"]],
    })
    return Progress(len(touchpoints), auditors, per_touchpoint, len(scored))
