"""Company boilerplate ("About us", EEO statements): text that describes the employer, not the job."""

from __future__ import annotations


def strip_boilerplate(text: str, company: str = "") -> str:
    """``text`` without the paragraphs that describe the company rather than the job.

    Scaffold: returns the text unchanged until the boilerplate detector lands.
    """
    return text
