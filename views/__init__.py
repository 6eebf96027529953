"""One model per view: ``model(store, filters, options)`` computes what a view shows, once.

The screen (callbacks → layouts), its CSV/XLSX download (``tables(model)``), the weekly
report, the poster and ``cxdash kpi`` all read these models, so they cannot disagree.
Models hold numbers, keys and frames, never text in a language and never Dash objects.
"""
