"""Run rules over the whole history week by week, as if evaluated every Monday, without
writing anything: how many alerts, and how soon after a known change.

Without rules of its own the backtest uses the owners' defaults on every touchpoint
(``rules.DEFAULTS`` with the scope everything)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

import pandas as pd

from data.alerts import detect, evaluate
from data.alerts import rules as rules_mod
from data.alerts.evaluate import Raised
from data.alerts.rules import Rule
from data.store import Store


@dataclass
class Story:
    """A known change: at ``place`` from ``since``; ``direction`` down (an alert should
    follow) or up (a firing alert should recover)."""

    name: str
    place: str
    since: dt.date
    direction: str


@dataclass
class Result:
    alerts: list[Raised]
    recoveries: list[tuple[Rule, str, dt.date]]  # (rule, place, week end)
    weeks: int
    rules: list[Rule]
    places: int
    stories: list[Story] = field(default_factory=list)

    @property
    def years(self) -> float:
        return self.weeks / 52.0


def default_rules() -> list[Rule]:
    return [Rule(-(i + 1), "all", None, metric, kind)
            for i, (metric, kind) in enumerate(rules_mod.DEFAULTS)]


def run(store: Store, rules: list[Rule] | None = None,
        stories: list[Story] | None = None) -> Result | None:
    """Evaluate ``rules`` (default: default_rules) for every week of the data."""
    rules = rules or default_rules()
    series = evaluate.load(store, {r.metric for r in rules})
    if series is None:
        return None
    alerts, recoveries = [], []
    for rule in rules:
        state: dict = {}
        for t in range(len(series.weeks)):
            raised, after = evaluate.step(series, rule, t, state)
            alerts += raised
            end = (series.weeks[t] + pd.Timedelta(days=6)).date()
            recoveries += [(rule, p, end) for p, (firing, _) in after.items()
                           if not firing and state.get(p, (False, None))[0]]
            state = after
    return Result(alerts, recoveries, len(series.weeks), rules, len(series.places),
                  stories or [])


def _weeks_after(day: dt.date, since: dt.date) -> int:
    return (day - since).days // 7


def report(result: Result) -> str:
    """The figures as text: alerts per kind and metric, per year, the stories caught."""
    lines = [f"Backtest over {result.weeks} weeks ({result.years:.1f} years), "
             f"{result.places} touchpoints, {len(result.rules)} rules: "
             f"{len(result.alerts)} alerts ({len(result.alerts) / result.years:.1f} a year)."]
    counts = Counter((a.rule.kind, a.rule.metric) for a in result.alerts)
    for (kind, metric), count in sorted(counts.items()):
        lines.append(f"  {kind:<13} {metric:<10} {count:>4}")
    story_places = {s.place for s in result.stories}
    others = [a for a in result.alerts if a.place not in story_places
              and a.rule.kind == "drift"]
    drift_rules = [r for r in result.rules if r.kind == "drift"]
    if drift_rules:
        expected = detect.false_alarms_per_year() * (result.places - len(story_places)) \
            * len(drift_rules)
        lines.append(f"Drift alerts on touchpoints without a story: {len(others)} "
                     f"({len(others) / result.years:.1f} a year; in control at most "
                     f"{expected:.1f} alarm-weeks a year for {len(drift_rules)} drift rule(s) "
                     f"× {result.places - len(story_places)} touchpoints).")
    for story in result.stories:
        lines.append(f"Story: {story.name} ({story.place}, from {story.since}):")
        if story.direction == "down":
            hits = sorted((a for a in result.alerts if a.place == story.place
                           and a.period_end >= story.since), key=lambda a: a.period_end)
            if not hits:
                lines.append("  not caught")
            for hit in hits:
                lines.append(f"  {hit.rule.kind} {hit.rule.metric}: week ending "
                             f"{hit.period_end}, {_weeks_after(hit.period_end, story.since)} "
                             f"weeks after the change (value {hit.value:.1f})")
        else:
            back = sorted((r for r in result.recoveries if r[1] == story.place
                           and r[2] >= story.since), key=lambda r: r[2])
            before = [a for a in result.alerts if a.place == story.place
                      and a.period_end < story.since]
            after = [a for a in result.alerts if a.place == story.place
                     and a.period_end >= story.since]
            lines.append(f"  {len(before)} alert(s) before the change, {len(after)} after")
            for rule, _, end in back:
                lines.append(f"  {rule.kind} {rule.metric} recovered: week ending {end}, "
                             f"{_weeks_after(end, story.since)} weeks after the change")
    return "\n".join(lines)
