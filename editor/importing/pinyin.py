"""Recognising Hanyu Pinyin readings, so that ``發(fā)展`` can lose its ``(fā)`` while ``(RegTech)`` stays."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

# Every standard Mandarin syllable, tones left out and ü written as v. A reading is
# accepted only if it splits entirely into these, which is what tells ``(fā)`` or
# ``(de)`` from an English word or an abbreviation in brackets.
_INVENTORY_TEXT = """
a ai an ang ao e ei en eng er o ou
ya yan yang yao ye yi yin ying yo yong you yu yuan yue yun
wa wai wan wang wei wen weng wo wu
ba bai ban bang bao bei ben beng bi bian biao bie bin bing bo bu
pa pai pan pang pao pei pen peng pi pian piao pie pin ping po pou pu
ma mai man mang mao me mei men meng mi mian miao mie min ming miu mo mou mu
fa fan fang fei fen feng fo fou fu
da dai dan dang dao de dei den deng di dia dian diao die ding diu dong dou du duan dui dun duo
ta tai tan tang tao te tei teng ti tian tiao tie ting tong tou tu tuan tui tun tuo
na nai nan nang nao ne nei nen neng ni nian niang niao nie nin ning niu nong nou nu nuan nun nuo nv nve nue
la lai lan lang lao le lei leng li lia lian liang liao lie lin ling liu lo long lou lu luan lun luo lv lve lue
ga gai gan gang gao ge gei gen geng gong gou gu gua guai guan guang gui gun guo
ka kai kan kang kao ke kei ken keng kong kou ku kua kuai kuan kuang kui kun kuo
ha hai han hang hao he hei hen heng hong hou hu hua huai huan huang hui hun huo
ji jia jian jiang jiao jie jin jing jiong jiu ju juan jue jun
qi qia qian qiang qiao qie qin qing qiong qiu qu quan que qun
xi xia xian xiang xiao xie xin xing xiong xiu xu xuan xue xun
zha zhai zhan zhang zhao zhe zhei zhen zheng zhi zhong zhou zhu zhua zhuai zhuan zhuang zhui zhun zhuo
cha chai chan chang chao che chen cheng chi chong chou chu chua chuai chuan chuang chui chun chuo
sha shai shan shang shao she shei shen sheng shi shou shu shua shuai shuan shuang shui shun shuo
ran rang rao re ren reng ri rong rou ru rua ruan rui run ruo
za zai zan zang zao ze zei zen zeng zi zong zou zu zuan zui zun zuo
ca cai can cang cao ce cen ceng ci cong cou cu cuan cui cun cuo
sa sai san sang sao se sen seng si song sou su suan sui sun suo
"""
SYLLABLES: frozenset[str] = frozenset(_INVENTORY_TEXT.split())
_LONGEST = max(map(len, SYLLABLES))

# Combining marks of the four tones (macron, acute, caron, grave) after NFD.
_TONE_MARKS = {"\u0304", "\u0301", "\u030c", "\u0300"}

# Letters a reading may contain, precomposed; used by the cleaning pattern.
PINYIN_LETTERS = (
    "abcdefghijklmnopqrstuvwxyz"
    "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüêńňǹḿ"
)


@lru_cache(maxsize=4096)
def reading_shape(text: str) -> tuple[int, int] | None:
    """(syllables, tone marks) if ``text`` is a run of pinyin syllables, else None.

    The tone marks must sit one per syllable at most; capital letters or anything
    outside the syllable inventory means it is not a reading.
    """
    if not text or not text.islower():
        return None
    decomposed = unicodedata.normalize("NFD", text)
    tones = sum(1 for ch in decomposed if ch in _TONE_MARKS)
    plain = "".join(ch for ch in decomposed if ch not in _TONE_MARKS)
    plain = unicodedata.normalize("NFC", plain).replace("ü", "v").replace("ê", "e")
    if not plain.isascii() or not plain.isalpha():
        return None
    count = _split_count(plain)
    if count is None or tones > count:
        return None
    return count, tones


def _split_count(plain: str) -> int | None:
    """Fewest syllables ``plain`` splits into, or None if it cannot be split."""
    best: list[int | None] = [0] + [None] * len(plain)
    for end in range(1, len(plain) + 1):
        for start in range(max(0, end - _LONGEST), end):
            before = best[start]
            if before is not None and plain[start:end] in SYLLABLES and (
                    best[end] is None or before + 1 < best[end]):  # type: ignore[operator]
                best[end] = before + 1
    return best[-1]


def is_toned_reading(text: str, max_syllables: int = 4) -> bool:
    """True for a reading that carries tone marks, such as ``fā`` or ``zhǎn``."""
    shape = reading_shape(text)
    return shape is not None and shape[1] >= 1 and shape[0] <= max_syllables


def is_toneless_reading(text: str) -> bool:
    """True for one tone-less syllable such as ``de`` (a neutral-tone reading).

    Single letters are left out: ``(a)`` after a word is far more often a list label.
    """
    shape = reading_shape(text)
    return shape is not None and shape == (1, 0) and len(text) >= 2
