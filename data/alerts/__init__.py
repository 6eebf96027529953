"""Alerts that do not cry wolf: rules (``rules``), detectors on weekly aggregates
(``detect``), their evaluation after every import or undo (``evaluate``), and the alerts
raised, read and mailed (``inbox``)."""
