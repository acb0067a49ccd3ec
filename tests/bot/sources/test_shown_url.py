import pytest

from bot.sources.errors import shown_url


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("https://boards.greenhouse.io/acme", "https://boards.greenhouse.io/acme"),
        (
            "https://x.example/f?api_key=S&department=sales",
            "https://x.example/f?api_key=***&department=sales",
        ),
        (
            "https://x.example/f?apiKey=S&accessToken=S&page=2",
            "https://x.example/f?apiKey=***&accessToken=***&page=2",
        ),
        ("https://x.example/f?X-Amz-Signature=S&sig=S", "https://x.example/f?X-Amz-Signature=***&sig=***"),
        ("https://x.example/f?client_secret=S&code=S", "https://x.example/f?client_secret=***&code=***"),
        ("https://user:pw@x.example/f", "https://***@x.example/f"),
        # words that only contain a secret word are not secrets
        (
            "https://x.example/f?keyword=intern&monkey=1&tokenizer=x",
            "https://x.example/f?keyword=intern&monkey=1&tokenizer=x",
        ),
    ],
)
def test_shown_url_masks_credentials_and_secret_looking_query_values_only(url, shown):
    assert shown_url(url) == shown


def test_an_unparsable_url_is_not_echoed():
    assert shown_url("http://[::1") == "<unparsable URL>"
