"""Audit rounds: the list page (my rounds; all rounds and the questions for analysts), an
auditor's form (one touchpoint at a time, resumable), and a round's progress.
(No download: the export route checks no role, and progress names who answered.)"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from data import audit_rounds
from data.accounts import User
from data.audit_rounds.progress import Step, next_open
from data.store import Store


@dataclass
class ListModel:
    """The /audits page."""

    mine: pd.DataFrame  # the rounds the user is invited to, with done and touchpoints
    manage: bool  # analysts and admins: the rounds and questions below too
    rounds: pd.DataFrame = field(default_factory=pd.DataFrame)  # with invited, answers
    questions: pd.DataFrame = field(default_factory=pd.DataFrame)


@dataclass
class FormModel:
    """An auditor's form: the round, their steps, and which one is shown."""

    round: dict | None
    steps: list[Step]
    index: int  # the step shown
    refusal: str | None = None  # "missing", "not_invited" or "closed": why nothing to answer

    @property
    def done(self) -> int:
        return sum(s.done for s in self.steps)

    @property
    def total(self) -> int:
        return len(self.steps)

    @property
    def step(self) -> Step | None:
        return self.steps[self.index] if self.steps else None


@dataclass
class ProgressModel:
    """A round's progress: who answered how much, per touchpoint the answers."""

    round: dict | None
    progress: audit_rounds.Progress | None


def _round_id(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def list_model(store: Store, user: User | None) -> ListModel:
    """The user's rounds with their progress; every round and question for analysts."""
    mine = audit_rounds.rounds_of(store, user.name) if user else pd.DataFrame()
    if not mine.empty:
        walks = [audit_rounds.walk(store, int(i), user.name) for i in mine["id"]]
        mine = mine.assign(done=[sum(s.done for s in w) for w in walks],
                           touchpoints=[len(w) for w in walks])
    manage = audit_rounds.may_manage(user)
    if not manage:
        return ListModel(mine, False)
    rounds = audit_rounds.list_rounds(store)
    if not rounds.empty:
        found = [audit_rounds.progress(store, int(i)) for i in rounds["id"]]
        rounds = rounds.assign(invited=[len(p.auditors) for p in found],
                               answers=[p.answers for p in found],
                               touchpoints=[p.touchpoints for p in found])
    return ListModel(mine, True, rounds, audit_rounds.list_questions(store))


def form_model(store: Store, user: User | None, round_id, step=None) -> FormModel:
    """The form of one auditor; ``step`` None resumes at the first unfinished touchpoint."""
    found = _round_id(round_id)
    row = audit_rounds.get_round(store, found) if found is not None else None
    if row is None or user is None:
        return FormModel(None, [], 0, "missing")
    invited = audit_rounds.invitations(store, found)
    if user.name not in set(invited["user_name"]):
        return FormModel(row, [], 0, "not_invited")
    steps = audit_rounds.walk(store, found, user.name)
    index = next_open(steps) if step is None else min(max(int(step), 0), max(len(steps) - 1, 0))
    return FormModel(row, steps, index, "closed" if row["state"] == "closed" else None)


def progress_model(store: Store, round_id) -> ProgressModel:
    """A round's progress (None parts for an unknown round)."""
    found = _round_id(round_id)
    row = audit_rounds.get_round(store, found) if found is not None else None
    if row is None:
        return ProgressModel(None, None)
    return ProgressModel(row, audit_rounds.progress(store, found))

