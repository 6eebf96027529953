"""The catalog editor's data layer: entry rules, versions, merges, uses and the workbook.

``edit`` holds every write (roles, rules, versions, audit trail, data version); the
other modules are its parts.
"""
