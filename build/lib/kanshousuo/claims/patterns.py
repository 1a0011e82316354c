"""The sentence shapes of the explanatory text that carry numeric claims (DOMAIN.md)."""

from __future__ import annotations

import re

from kanshousuo.text.patterns import AMOUNT_WAN, PLAIN_NUMBER

AMOUNT = AMOUNT_WAN

SHARE = re.compile(AMOUNT + rf"\s*[，,]\s*占\s*({PLAIN_NUMBER})\s*%")

CHANGE = re.compile(
    AMOUNT
    + r"[^。；;]{0,12}?比(?:上年|20\d{2}年)(?:预算数?)?(?:相比)?(?:预算数)?\s*(增加|减少|增长|下降)\s*"
    + AMOUNT
    + rf"(?:\s*[，,]\s*(?:增长|下降|减少|增加)\s*({PLAIN_NUMBER})\s*%)?"
)

COUNT = re.compile(r"(?:二级)?项目\s*(\d+)\s*个[，,]?\s*(?:共计|涉及)?(?:项目)?金额\s*" + AMOUNT)

TARGET_COUNT = re.compile(r"公开项目绩效目标\s*(\d+)\s*个[，,]?\s*涉及(?:项目)?金额\s*" + AMOUNT)

LISTED = re.compile(r"(人员经费|公用经费)\s*" + AMOUNT + r"\s*[，,。]\s*主要包括\s*[:：]\s*([^；;。]+)")


CITATION = re.compile(
    r"《([^》]{4,60})》[^《]{0,40}?[(（]([\u4e00-\u9fff]{1,10})\s*[〔\[［【(（]\s*(\d{4})\s*"
    r"[〕\]］】)）]\s*(\d+)\s*号"
)
