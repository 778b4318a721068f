"""The note HTML -> Markdown converter and the Markdown escaping used by the Markdown export."""

from __future__ import annotations

import pytest

from editor.core.richtext import sanitize_html
from editor.export.markdown import chip, escape_markdown, html_to_markdown, stars


@pytest.mark.parametrize("html, markdown", [
    ("<p>農村<b>消費</b>與<i>支付</i>和<s>舊</s>和<code>x</code></p>", "農村**消費**與*支付*和~~舊~~和`x`"),
    ("<p>一</p><p>二</p>", "一\n\n二"),
    ("<p>a<br>b</p>", "a  \nb"),
    ("<ul><li>甲</li><li>乙</li></ul>", "- 甲\n- 乙"),
    ('<ol start="3"><li>x<ul><li>y</li></ul></li><li>z</li></ol>', "3. x\n   - y\n4. z"),
    ("<ul><li><p>在段落裡</p></li></ul>", "- 在段落裡"),
    ("<p>前</p><ul><li>項</li></ul><p>後</p>", "前\n\n- 項\n\n後"),
    ("<blockquote><p>q1</p><p>q2</p></blockquote><p>after</p>", "> q1\n>\n> q2\n\nafter"),
    ("<pre>code *x*\nline2</pre>", "```\ncode *x*\nline2\n```"),
    ("<h2>小標題</h2><p>正文</p>", "**小標題**\n\n正文"),
    ('<p><a href="https://example.com/a?b=1&amp;c=2">連結</a></p>', "[連結](https://example.com/a?b=1&c=2)"),
    ('<p><a href="https://en.wikipedia.org/wiki/A_(b)">x]y</a></p>',
     "[x\\]y](https://en.wikipedia.org/wiki/A_%28b%29)"),
    ("<p>&lt;script&gt; 2*3 a_b</p>", "\\<script\\> 2\\*3 a\\_b"),
    ("<p>1. 不是列表</p><p># 不是標題</p>", "1\\. 不是列表\n\n\\# 不是標題"),
    ('<p><span style="color: #ff0000">紅</span><u>底線</u></p>', "紅底線"),
    ("", ""),
])
def test_html_to_markdown(html, markdown):
    assert html_to_markdown(html) == markdown


def test_sanitised_html_converts_without_leftover_tags():
    html = sanitize_html('<p onclick="x()">文<script>alert(1)</script><img src="x.png">字</p>'
                         '<ul><li><a href="javascript:alert(1)">壞</a></li></ul>')
    markdown = html_to_markdown(html)
    assert "<" not in markdown.replace("\\<", "") and "javascript" not in markdown
    assert markdown.startswith("文字") and "- [壞]" in markdown


def test_escape_markdown_keeps_the_words():
    text = "- 項目 *重點* [註] `代碼` > 引用\n+ 加\n2) 編號"
    escaped = escape_markdown(text)
    assert escaped == "\\- 項目 \\*重點\\* \\[註\\] \\`代碼\\` \\> 引用\n\\+ 加\n2\\) 編號"
    assert escaped.replace("\\", "") == text


@pytest.mark.parametrize("value, low, high, expected", [
    (4, 1, 5, "★★★★☆"), (1, 1, 5, "★☆☆☆☆"), (5, 1, 5, "★★★★★"), (0, 0, 3, "★☆☆☆"), (9, 1, 5, "★★★★★"),
])
def test_stars(value, low, high, expected):
    assert stars(value, low, high) == expected


def test_tag_chips_survive_backticks():
    assert chip("風險") == "`風險`"
    assert chip("a`b") == "`` a`b ``"
