"""Fixed, fictional master data of the demo: counties, units, their agents and the logins.

The county codes and names are real (GB/T 2260); every unit, person and figure is invented.
"""

from __future__ import annotations

from dataclasses import dataclass

COUNTIES = (
    # code, name, city
    ("360102", "东湖区", "南昌市"),
    ("360103", "西湖区", "南昌市"),
    ("360702", "章贡区", "赣州市"),
)

# One counter-staff login per county (the password meets the portal's rules).
STAFF = (
    ("guitai_donghu", "Guitai360102", "360102"),
    ("guitai_xihu", "Guitai360103", "360103"),
    ("guitai_zhanggong", "Guitai360702", "360702"),
)
ADMIN = ("admin", "Admin2026jxsi")


@dataclass(frozen=True)
class DemoUnit:
    code: str
    name: str
    unit_type: str  # Unit.Type value
    county: str
    legal_representative: str
    address: str
    phone: str
    insured_since: str
    staff_count: int  # insured persons, active and retired
    has_service: bool  # online service opened at the counter
    agent_registered_in_app: bool = False


UNITS = (
    DemoUnit(
        "3601021001",
        "南昌市东湖区教育体育局",
        "agency",
        "360102",
        "刘建国",
        "南昌市东湖区阳明路318号",
        "0791-86621001",
        "2014-10",
        150,
        True,
        True,
    ),
    DemoUnit(
        "360702100212",
        "赣州市章贡区疾病预防控制中心",
        "institution",
        "360702",
        "黄志明",
        "赣州市章贡区红旗大道62号",
        "0797-8212012",
        "2014-10",
        90,
        True,
        False,
    ),
    DemoUnit(
        "3601031003",
        "南昌市西湖区文化馆",
        "civil_institution",
        "360103",
        "吴秀英",
        "南昌市西湖区孺子路155号",
        "0791-86521003",
        "2014-10",
        70,
        True,
        True,
    ),
    DemoUnit(
        "3601021004",
        "南昌市东湖区档案馆",
        "institution",
        "360102",
        "陈立平",
        "南昌市东湖区八一大道96号",
        "0791-86621004",
        "2014-10",
        60,
        False,
    ),
    DemoUnit(
        "360702100512",
        "赣州市章贡区农业农村局",
        "agency",
        "360702",
        "钟伟",
        "赣州市章贡区文清路20号",
        "0797-8212005",
        "2015-01",
        65,
        False,
    ),
)

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁"
    "魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易"
)
GIVEN_NAME_CHARACTERS = (
    "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超霞平刚桂兰华建国志红玉梅辉鹏飞斌宇浩凯秀珍晨欣文博海燕"
    "瑞雪婷慧颖丹琳晓峰俊波宁亮鑫淑云萍新春晖昊然子涵嘉怡佳琪思远振宏德胜永利"
)
