"""One sample card, as the neutral layer gets it; tests vary it with ``dataclasses.replace``."""

from bot.cards import Card

CARD = Card(
    posting_id="ashby:acme:42",
    title="Marketing Intern",
    url="https://jobs.example.com/acme/42?ref=bot&lang=fr",
    company="Acme",
    locations=("Paris, France",),
    workplace="Hybrid",
    employment="Internship",
    start="Summer 2026",
    required_languages=("French",),
    preferred_languages=("English",),
    job_code="R-1234",
    why=("📍 Paris", "🗣 French required"),
    query="Paris + French",
    source="ashby:acme",
    posted="2026-12-01",
)
