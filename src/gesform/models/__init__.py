"""The pydantic models of gesform: profile, catalog, rules, results."""
