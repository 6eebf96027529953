"""Per-touchpoint and per-journey scorecards: SQL aggregates from ``data.queries`` turned
into KPIs by ``data.kpis``, with the change against the previous period.

Every view that lists touchpoints or journeys starts here, so they all agree.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from data import kpis, queries, schema
from data.queries import Filters
from data.store import Store

PERSPECTIVES = ("customer", "employee")
TREND_WEEKS = 12  # the weekly trend beside each journey


def _audit_sums(agg: pd.DataFrame | None, index: dict[str, int],
                mask_of=None) -> dict[str, np.ndarray]:
    """Sum audit aggregates per touchpoint into arrays aligned with `index` (touchpoint key
    → row); mask_of(agg) picks the rows to sum (default all). Arrays, not pandas: a
    scorecard does this four times, and frame joins cost ten times the arithmetic."""
    size = len(index)
    sums = {c: np.zeros(size) for c in queries.AUDIT_COLUMNS}
    if agg is None or agg.empty:
        return sums
    rows = np.fromiter((index.get(k, -1) for k in agg["touchpoint"]), dtype=np.int64,
                       count=len(agg))
    keep = rows >= 0
    if mask_of is not None:
        keep &= np.asarray(mask_of(agg), dtype=bool)
    for c in queries.AUDIT_COLUMNS:
        np.add.at(sums[c], rows[keep], agg[c].to_numpy(dtype="float64")[keep])
    return sums


def touchpoint_scorecard(store: Store, f: Filters) -> pd.DataFrame:
    """Return one row per selected touchpoint: catalog attributes, performance with its
    interval, gaps, traffic light, the previous period and the change, and customer vs
    employee performance. Touchpoints without audits have NaN values and a grey light."""
    return queries.cached(store, "scorecard", [f.cache_key()],
                          lambda: _touchpoint_scorecard(store, f)).copy()


def _touchpoint_scorecard(store: Store, f: Filters) -> pd.DataFrame:
    catalog = queries.catalog(store)
    card = queries.filtered_touchpoints(store, f).reset_index(drop=True)
    cur, before = queries.audit_periods(store, f, by=("touchpoint", "perspective"))
    index = {k: i for i, k in enumerate(card["key"])}
    sums = _audit_sums(cur, index)
    perf = kpis.metric_arrays(sums, "audit")
    card["n"] = sums["n"].astype(int)
    for column in ("value", "low", "high", "variance", "small"):
        card[column] = perf[column]
    for perspective in PERSPECTIVES:
        part = _audit_sums(cur, index, lambda agg, p=perspective: agg["perspective"] == p)
        found = kpis.metric_arrays(part, "audit")
        for column in ("value", "low", "high"):
            card[f"{perspective}_{column}"] = found[column]
        card[f"{perspective}_n"] = part["n"].astype(int)
    prev_sums = _audit_sums(before, index)
    prev = kpis.metric_arrays(prev_sums, "audit")
    card["prev_value"], card["prev_variance"] = prev["value"], prev["variance"]
    card["prev_n"] = prev_sums["n"].astype(int)
    card["small"] = card["small"].astype(bool)
    value, target = perf["value"], card["target"].to_numpy(dtype="float64")
    card["gap_target"] = kpis.gap(value, target)
    card["gap_best"] = kpis.gap(value, card["best_in_class"].to_numpy(dtype="float64"))
    card["light"] = kpis.traffic_light(value, target)
    card["prev_light"] = kpis.traffic_light(prev["value"], target)
    card["delta"] = kpis.change(value, prev["value"])
    # True / False / None ("too few to tell": a period below the small-sample minimum).
    card["significant"] = kpis.change_significance("audit", sums, prev_sums)

    def lookup(table: str, column: str) -> dict:
        rows = catalog[table]
        return dict(zip(rows["key"], rows[column], strict=True))

    for dim, table in (("journey", "journeys"), ("phase", "phases"), ("channel", "channels"),
                       ("department", "departments")):
        card[f"{dim}_name"] = card[f"{dim}_key"].map(lookup(table, "name"))
    # Only a #RRGGBB colour reaches a style (one stored before import checked it, too).
    card["channel_color"] = card["channel_key"].map(lookup("channels", "color")).map(
        lambda c: c if isinstance(c, str) and schema.COLOR.match(c) else None)
    card["phase_position"] = card["phase_key"].map(lookup("phases", "position"))
    card["journey_position"] = card["journey_key"].map(lookup("journeys", "position"))
    return card.sort_values(["journey_position", "position", "key"], kind="stable",
                            na_position="last").reset_index(drop=True)


def journey_scorecard(store: Store, f: Filters, weeks: int = TREND_WEEKS) -> pd.DataFrame:
    """Return one row per journey: journey score, previous score, change and significance,
    NPS with n, audit n, the three weakest touchpoints and a weekly trend, ranked with
    the furthest below target first."""
    return queries.cached(store, "journeys", [f.cache_key(), weeks],
                          lambda: _journey_scorecard(store, f, weeks)).copy()


def _journey_scorecard(store: Store, f: Filters, weeks: int) -> pd.DataFrame:
    catalog = queries.catalog(store)
    journeys = catalog["journeys"]
    if f.journeys:
        journeys = journeys[journeys["key"].isin(f.journeys)]
    if journeys.empty:
        return journeys
    tps = touchpoint_scorecard(store, f)
    rows = []
    survey = queries.survey_aggregates(store, f, by=("journey",))
    nps_rows = kpis.metric_table(survey.loc[survey["metric"] == "nps"], "nps") \
        if not survey.empty else pd.DataFrame(columns=["journey", "value", "n", "small"])
    nps = nps_rows.set_index("journey") if not nps_rows.empty else nps_rows
    trend = _journey_trend(store, f, weeks)
    for journey in journeys.itertuples():
        mine = tps.loc[tps["journey_key"] == journey.key] if not tps.empty else tps
        audited = mine.loc[mine["n"] > 0] if not mine.empty else mine
        mot = audited["moment_of_truth"].astype(bool) if not audited.empty else []
        score = kpis.journey_score(audited["value"], mot) if not audited.empty else np.nan
        var = kpis.journey_score_variance(audited["variance"], mot) if not audited.empty \
            else np.nan
        target = kpis.journey_score(audited["target"].astype(float), mot) \
            if not audited.empty else np.nan
        before = mine.loc[mine["prev_n"] > 0] if not mine.empty else mine
        prev_mot = before["moment_of_truth"].astype(bool) if not before.empty else []
        prev_score = kpis.journey_score(before["prev_value"], prev_mot) if not before.empty \
            else np.nan
        prev_var = kpis.journey_score_variance(before["prev_variance"], prev_mot) \
            if not before.empty else np.nan
        df = kpis.journey_score_df(audited["variance"], mot, audited["n"]) \
            if not audited.empty else np.nan
        prev_df = kpis.journey_score_df(before["prev_variance"], prev_mot, before["prev_n"]) \
            if not before.empty else np.nan
        audits = int(audited["n"].sum()) if not audited.empty else 0
        prev_audits = int(before["prev_n"].sum()) if not before.empty else 0
        weakest = audited.sort_values("gap_target").head(3) if not audited.empty else audited
        in_nps = not nps.empty and journey.key in nps.index
        rows.append({
            "key": journey.key,
            "name": journey.name,
            "goal": journey.goal,
            "lifecycle_stage": journey.lifecycle_stage,
            "position": journey.position,
            "score": score,
            "target": target,
            "gap_target": score - target,
            "prev_score": prev_score,
            "delta": score - prev_score,
            "significant": kpis.journey_change_significance(
                score, var, df, audits, prev_score, prev_var, prev_df, prev_audits),
            "audits": audits,
            "prev_audits": prev_audits,
            "touchpoints": len(mine),
            "audited_touchpoints": len(audited),
            "below_target": int((audited["light"].isin(["red", "amber"])).sum())
            if not audited.empty else 0,
            "nps": float(nps.loc[journey.key, "value"]) if in_nps else np.nan,
            "nps_n": int(nps.loc[journey.key, "n"]) if in_nps else 0,
            "weakest": weakest[["key", "name", "value", "gap_target", "light"]].to_dict("records"),
            "trend": trend.get(journey.key, []),
        })
    out = pd.DataFrame(rows)
    out["light"] = kpis.traffic_light(out["score"], out["target"])
    return out.sort_values(["gap_target", "position"], na_position="last").reset_index(drop=True)


def _journey_trend(store: Store, f: Filters, weeks: int) -> dict[str, list[float]]:
    """Return the weekly mean audit score per journey over the last `weeks` weeks."""
    agg = queries.audit_aggregates(store, f.widened(weeks), by=("journey", "week"))
    if agg.empty:
        return {}
    agg["value"] = kpis.mean(agg["n"], agg["total"])
    return {k: g.sort_values("week")["value"].round(2).tolist()[-weeks:]
            for k, g in agg.groupby("journey")}


def metric_cells(store: Store, f: Filters, metric: str, dims: tuple[str, str]) -> pd.DataFrame:
    """Return columns dims..., value, n, small of a metric (audit, nps, ces or gap to
    target) grouped by two dimensions: the cells of a heatmap or a weekly series."""
    return queries.cached(store, "cells", [f.cache_key(), metric, tuple(dims)],
                          lambda: _metric_cells(store, f, metric, tuple(dims))).copy()


def _metric_cells(store: Store, f: Filters, metric: str, dims: tuple[str, str]) -> pd.DataFrame:
    if metric in ("nps", "ces"):
        agg = queries.survey_aggregates(store, f, by=dims)
        agg = agg.loc[agg["metric"] == metric].reset_index(drop=True)
        out = kpis.metric_table(agg, metric) if not agg.empty else agg.assign(
            value=[], small=[])
        return out[[*dims, "value", "n", "small"]]
    by = tuple(dict.fromkeys(("touchpoint", *dims))) if metric == "gap" else dims
    agg = queries.audit_aggregates(store, f, by=by)
    if agg.empty:
        return pd.DataFrame(columns=[*dims, "value", "n", "small"])
    if metric == "gap":
        targets = queries.filtered_touchpoints(store, f).set_index("key")["target"]
        agg["target_total"] = agg["touchpoint"].map(targets).astype(float) * agg["n"]
        agg = agg.groupby(list(dims), as_index=False)[["n", "total", "target_total"]].sum()
        agg["value"] = kpis.mean(agg["n"], agg["total"]) - kpis.mean(agg["n"],
                                                                      agg["target_total"])
    else:
        agg["value"] = kpis.mean(agg["n"], agg["total"])
    agg["small"] = kpis.small_sample(agg["n"], "audits")
    return agg[[*dims, "value", "n", "small"]]
