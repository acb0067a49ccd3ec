import pytest
from cryptography.fernet import Fernet

from bot.store.cipher import KEY_HOWTO, SecretsUnreadable, TokenCipher, TokenKeyError

SECRETS = {"bot_token": "xoxb-cipher-secret", "bot_refresh_token": None}


def test_secrets_round_trip_and_are_not_readable():
    cipher = TokenCipher(Fernet.generate_key().decode())
    sealed = cipher.encrypt(SECRETS)
    assert "xoxb" not in sealed
    assert cipher.decrypt(sealed) == SECRETS


@pytest.mark.parametrize("value", [None, "", " , "])
def test_a_missing_key_says_how_to_make_one(value):
    with pytest.raises(TokenKeyError, match="JOBBOT_TOKEN_KEY is not set") as raised:
        TokenCipher(value)
    assert KEY_HOWTO in str(raised.value)


def test_a_malformed_key_is_refused_without_being_shown():
    with pytest.raises(TokenKeyError, match="key 2 of 2 is not a Fernet key") as raised:
        TokenCipher(f"{Fernet.generate_key().decode()},not-a-key-but-secret")
    assert "not-a-key-but-secret" not in str(raised.value)


def test_rotation_new_key_first_old_ones_still_decrypt():
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    sealed_with_old = TokenCipher(old).encrypt(SECRETS)
    both = TokenCipher(f"{new},{old}")
    assert both.decrypt(sealed_with_old) == SECRETS
    rotated = both.rotate(sealed_with_old)
    assert TokenCipher(new).decrypt(rotated) == SECRETS
    with pytest.raises(SecretsUnreadable):
        TokenCipher(old).decrypt(both.encrypt(SECRETS))  # the first key encrypts


def test_a_token_no_key_opens_is_reported_not_crashed():
    sealed = TokenCipher(Fernet.generate_key().decode()).encrypt(SECRETS)
    with pytest.raises(SecretsUnreadable, match="JOBBOT_TOKEN_KEY"):
        TokenCipher(Fernet.generate_key().decode()).decrypt(sealed)
