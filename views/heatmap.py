"""The heatmaps: phase × channel over the period and touchpoint × week over the last
weeks, coloured by one metric (audit score, NPS, CES or gap to target)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from data import queries, scorecards
from data.queries import Filters
from data.store import Store
from views.common import identity, loosen, option

WEEKS = 12
METRICS = ("audit", "nps", "ces", "gap")


@dataclass
class HeatmapModel:
    """The cells of both heatmaps, in display order, with their labels."""

    filters: Filters
    metric: str
    phase_channel: pd.DataFrame  # phase, channel, value, n, small
    phases: list[str]
    channels: list[str]  # the channels that have a cell, in catalog order
    phase_names: dict[str, str]
    channel_names: dict[str, str]
    touchpoint_week: pd.DataFrame  # touchpoint, week (ISO date of its Monday), value, n, small
    weeks: list[str]
    touchpoints: list[str]
    touchpoint_names: dict[str, str]
    loosen: tuple[str, ...] = ()  # filters that, removed alone, bring data back

    @property
    def empty(self) -> bool:
        return self.phase_channel.empty and self.touchpoint_week.empty


def model(store: Store, f: Filters, options: dict | None = None) -> HeatmapModel:
    """Compute both heatmaps; options: metric (audit, nps, ces, gap)."""
    metric = option(options, "metric", METRICS, "audit")
    window = f.widened(WEEKS)
    queries.prefetch(
        store,
        lambda: scorecards.metric_cells(store, f, metric, ("phase", "channel")),
        lambda: scorecards.metric_cells(store, window, metric, ("touchpoint", "week")),
    )
    catalog = queries.catalog(store)
    phases, channels = catalog["phases"], catalog["channels"]
    pc = scorecards.metric_cells(store, f, metric, ("phase", "channel"))
    pc = pc.dropna(subset=["phase", "channel"]).reset_index(drop=True)
    used_channels = [k for k in channels["key"] if k in set(pc["channel"])]
    tw = scorecards.metric_cells(store, window, metric, ("touchpoint", "week"))
    tw = tw.dropna(subset=["touchpoint"]).reset_index(drop=True)
    tps = queries.filtered_touchpoints(store, f)
    tps = tps[tps["key"].isin(set(tw["touchpoint"]))]
    labels = dict(zip(tps["key"], tps["name"], strict=True))
    if len(set(labels.values())) < len(labels):
        labels = {k: f"{v} ({k})" for k, v in labels.items()}
    tw["week"] = pd.to_datetime(tw["week"]).dt.date.astype(str)
    m = HeatmapModel(
        filters=f, metric=metric, phase_channel=pc, phases=list(phases["key"]),
        channels=used_channels,
        phase_names=dict(zip(phases["key"], phases["name"], strict=True)),
        channel_names=dict(zip(channels["key"], channels["name"], strict=True)),
        touchpoint_week=tw, weeks=sorted(tw["week"].unique()), touchpoints=list(tps["key"]),
        touchpoint_names=labels)
    if m.empty:
        m.loosen = loosen(store, f)
    return m


def tables(m: HeatmapModel, translate=identity) -> dict[str, pd.DataFrame]:
    """Both heatmaps' cells as download tables, the metric named in a column."""
    return {"Phase x channel": m.phase_channel.assign(metric=m.metric),
            "Touchpoint x week": m.touchpoint_week.assign(metric=m.metric)}
