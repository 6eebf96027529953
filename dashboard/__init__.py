"""cxdash: a self-hosted dashboard for CX KPIs along customer journeys."""
