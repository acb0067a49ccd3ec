import io

import pytest

from bot.postings_io import PostingInputError, read_postings


def test_a_line_nested_absurdly_deep_is_a_readable_input_error():
    deep = '{"id": "a", "title": "x", "raw": ' + "[" * 200_000 + "]" * 200_000 + "}\n"
    with pytest.raises(PostingInputError, match="line 2: JSON nested too deeply"):
        list(read_postings(io.StringIO('{"id": "ok", "title": "Intern"}\n' + deep)))
