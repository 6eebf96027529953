"""Data layer: store, schema, importers, queries and KPI math."""

import warnings

import pandas as pd

# Text as plain Python objects, as before pandas 3. With pandas 3's default Arrow-backed
# strings, every column lookup on a small frame converts the label to an Arrow array
# first; a view does hundreds of such lookups, and at 10M responses cold view calls ran
# 25-35 % slower (docs/performance.md). Nothing here needs Arrow strings.
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    try:
        pd.set_option("future.infer_string", False)
    except (KeyError, pd.errors.OptionError):  # a pandas without the option
        pass
