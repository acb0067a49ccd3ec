"""Discord message payloads as the demo prints them: what a person reads, never driving the terminal."""

from handlers.discord_readback import message_lines

LANGUAGES = "French required · " + "English required · " * 4  # too long to share a line
MESSAGE = {
    "content": "",
    "embeds": [
        {
            "title": r"Marketing Intern \*urgent\* \- 2026",
            "url": "https://jobs.example.com/7",
            "description": "Acme\n📍 Paris · matched `Paris + French`",
            "fields": [
                {"name": "Location", "value": "Paris, FR", "inline": True},
                {"name": "Type", "value": "Internship", "inline": True},
                {"name": "Languages", "value": LANGUAGES, "inline": True},
            ],
            "footer": {"text": "greenhouse:acme · ref jobbot-1\x1b[2J"},
        }
    ],
    "components": [
        {
            "type": 1,
            "components": [
                {"type": 2, "style": 5, "label": "Open", "url": "https://jobs.example.com/7"},
                {"type": 2, "style": 1, "label": "Save", "custom_id": "jobbot:save:7"},
            ],
        }
    ],
}


def test_an_embed_reads_as_discord_shows_it():
    assert message_lines(MESSAGE) == (
        "Marketing Intern *urgent* - 2026 ↗",
        "Acme",
        "📍 Paris · matched `Paris + French`",
        "Location: Paris, FR   Type: Internship",
        "Languages: " + LANGUAGES,
        "footer: greenhouse:acme · ref jobbot-1[2J",
        "[Open ↗] [Save]",
    )


def test_plain_content_comes_first():
    assert message_lines({"content": r"**New** \#jobs", "embeds": []}) == ("**New** #jobs",)
