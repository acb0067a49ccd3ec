"""Language requirements written in Japanese, Chinese or Korean: "ビジネスレベルの英語", "英语流利".

These scripts have no spaces, so names are found as substrings, and a sentence names a requirement
when it also carries a level or skill word; "歓迎" / "优先" / "우대" make it a preference.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from bot.extract.keyscan import CharScreen
from bot.models import LanguageRequirement

_CJK = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]")
_CJK_SCREEN = CharScreen(_CJK)
_NAMES: dict[str, str] = {
    "日本語": "ja", "日语": "ja", "日文": "ja", "일본어": "ja",
    "英語": "en", "英语": "en", "英文": "en", "영어": "en",
    "中国語": "zh", "中文": "zh", "普通话": "zh", "汉语": "zh", "粤语": "zh", "중국어": "zh",
    "韓国語": "ko", "韩语": "ko", "韩文": "ko", "한국어": "ko",
    "フランス語": "fr", "法语": "fr", "프랑스어": "fr", "ドイツ語": "de", "德语": "de", "독일어": "de",
    "スペイン語": "es", "西班牙语": "es", "스페인어": "es",
}  # fmt: skip
_NAME = re.compile("|".join(sorted(_NAMES, key=len, reverse=True)))
_UNIT = re.compile(r"[。！？!?\n]|(?:^|\s)[・•\-]\s*")
_CUE = re.compile(
    r"ビジネス|ネイティブ|流暢|堪能|会話|読み書き|能力|スキル|レベル|必須|話せ|話す|TOEIC|JLPT|"
    r"(?<![A-Za-z])N[1-5](?!\d)|熟练|流利|精通|听说读写|母语|水平|能够|良好|优秀|会说|口语|"
    r"능통|능력|가능|원어민|회화|비즈니스|필수|수준|구사"
)
_HEDGE = re.compile(r"歓迎|尚可|望ましい|优先|加分|者优先|우대|플러스|선호|있으면\s*좋")
_NOT_LANGUAGE = re.compile(r"^(?:版|圏|地域|市場|版本|圈|市场|권|버전)")
_LEVELS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"ネイティブ|母语|원어민"), "native"),
    (re.compile(r"ビジネス|商务|비즈니스"), "business"),
    (re.compile(r"流暢|堪能|流利|熟练|精通|능통"), "fluent"),
    (re.compile(r"日常会話|日常会话|일상\s*회화"), "conversational"),
    (re.compile(r"基本|基础|기본"), "basic"),
)
_JLPT = re.compile(r"(?<![A-Za-z])N[1-5](?!\d)")
_EVIDENCE_CHARS = 200


def has_cjk(text: str) -> bool:
    """Tell whether ``text`` holds Japanese, Chinese or Korean characters."""
    return not text.isascii() and _CJK_SCREEN.may_hold(text) and bool(_CJK.search(text))


def cjk_requirements(body: str) -> Iterator[LanguageRequirement]:
    """Yield the requirements stated in Japanese, Chinese or Korean sentences of ``body``."""
    for unit in _UNIT.split(body):
        if not unit or not _NAME.search(unit) or not _CUE.search(unit):
            continue
        preferred = bool(_HEDGE.search(unit))
        level = next((lvl for pattern, lvl in _LEVELS if pattern.search(unit)), None)
        jlpt = _JLPT.search(unit)
        for match in _NAME.finditer(unit):
            if _NOT_LANGUAGE.match(unit, match.end()):
                continue
            yield LanguageRequirement(
                code=_NAMES[match.group()],
                required=not preferred,
                level=jlpt.group() if jlpt and _NAMES[match.group()] == "ja" else level,
                evidence=unit.strip()[:_EVIDENCE_CHARS],
                basis="body",
            )
