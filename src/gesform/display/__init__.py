"""Renderings of gesform objects for people: plain text, notebook HTML, data frames, charts."""
