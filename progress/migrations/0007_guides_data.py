"""The guides of the three businesses, from the rules the portal enforces, and the 2026
public holidays and adjusted working days (国务院办公厅关于2026年部分节假日安排的通知). All of
it is kept up to date in admin afterwards; a later year is added there once it is published."""

import datetime

from django.db import migrations

BASIS = "《中华人民共和国社会保险法》；《国务院关于机关事业单位工作人员养老保险制度改革的决定》（国发〔2015〕2号）"
GUIDES = {
    "pension_claim": {
        "time_limit_days": 20,
        "conditions": (
            "1. 申领人在本单位参加机关事业单位基本养老保险并正常缴费；\n"
            "2. 已达到法定退休年龄，或符合提前退休、弹性延迟退休条件（弹性延迟退休须单位同意）；\n"
            "3. 累计缴费年限（含视同缴费年限）达到规定的最低年限；\n"
            "4. 申领时无应缴未缴的养老保险费；\n"
            "5. 同一人员没有正在办理的在职人员减少业务。"
        ),
        "procedure": (
            "1. 单位经办人登录网上服务大厅，进入“养老金申报”，选择申领人员；\n"
            "2. 依次填写基础信息、视同缴费核增核减、特殊工种、职务升降、银行账号，可随时暂存；\n"
            "3. 按材料清单上传材料后提交；\n"
            "4. 单位所在区县社保经办机构审核；审核不通过的，单位按退回原因修改后重新提交；\n"
            "5. 审核通过后核定养老金，单位在“办结”中查看结果。"
        ),
        "legal_basis": BASIS
        + "；《全国人民代表大会常务委员会关于实施渐进式延迟法定退休年龄的决定》（2024年9月13日）",
    },
    "staff_addition": {
        "time_limit_days": 5,
        "conditions": (
            "1. 本单位新录用、调入或任命的在编在岗工作人员；\n"
            "2. 人员未在机关事业单位养老保险正常参保缴费，未退休，未登记死亡；\n"
            "3. 系统按证件号码判定新登记、新参保或续保；\n"
            "4. 参保开始年月最早可追溯3个月，最晚为下月，且不早于参加工作年月；\n"
            "5. 缴费基数在上年度全省在岗职工月平均工资的60%至300%之间。"
        ),
        "procedure": (
            "1. 单位经办人进入“在职人员增加”，填写证件类型、证件号码和姓名；\n"
            "2. 按系统判定的业务类型填写人员信息和参保信息，可随时暂存；\n"
            "3. 上传材料后提交；\n"
            "4. 区县社保经办机构审核，审核通过后人员进入在职花名册。"
        ),
        "legal_basis": BASIS + "；《社会保险费征缴暂行条例》",
    },
    "staff_reduction": {
        "time_limit_days": 5,
        "conditions": (
            "1. 人员在本单位正常参保缴费；\n"
            "2. 因调出、辞职、辞退或解聘、死亡、出国（境）定居等原因减少；\n"
            "3. 停保年月最早为最后缴费年月的次月前推3个月，最晚为下月；\n"
            "4. 同一人员没有正在办理的在职人员增加或养老金申领业务。"
        ),
        "procedure": (
            "1. 单位经办人进入“在职人员减少”，在在职人员中选择减员人员；\n"
            "2. 填写减员原因、停保年月和备注；\n"
            "3. 上传减员证明材料（减员原因为“其他”时可不上传）后提交；\n"
            "4. 区县社保经办机构审核，审核通过后人员停止参保缴费，移出在职花名册。"
        ),
        "legal_basis": BASIS,
    },
}


def _days(first, last):
    day = first
    while day <= last:
        yield day
        day += datetime.timedelta(days=1)


D = datetime.date
HOLIDAYS_2026 = [
    ("元旦", D(2026, 1, 1), D(2026, 1, 3)),
    ("春节", D(2026, 2, 15), D(2026, 2, 23)),
    ("清明节", D(2026, 4, 4), D(2026, 4, 6)),
    ("劳动节", D(2026, 5, 1), D(2026, 5, 5)),
    ("端午节", D(2026, 6, 19), D(2026, 6, 21)),
    ("中秋节", D(2026, 9, 25), D(2026, 9, 27)),
    ("国庆节", D(2026, 10, 1), D(2026, 10, 7)),
]
WORKDAYS_2026 = [
    ("元旦调休", D(2026, 1, 4)),
    ("春节调休", D(2026, 2, 14)),
    ("春节调休", D(2026, 2, 28)),
    ("劳动节调休", D(2026, 5, 9)),
    ("国庆节调休", D(2026, 9, 20)),
    ("国庆节调休", D(2026, 10, 10)),
]


def fill(apps, schema_editor):
    guide, calendar_day = (
        apps.get_model("progress", "ServiceGuide"),
        apps.get_model("progress", "CalendarDay"),
    )
    for business_code, values in GUIDES.items():
        guide.objects.update_or_create(business_code=business_code, defaults=values)
    for name, first, last in HOLIDAYS_2026:
        for day in _days(first, last):
            calendar_day.objects.update_or_create(
                day=day, defaults={"kind": "holiday", "name": name}
            )
    for name, day in WORKDAYS_2026:
        calendar_day.objects.update_or_create(day=day, defaults={"kind": "workday", "name": name})


def empty(apps, schema_editor):
    apps.get_model("progress", "ServiceGuide").objects.filter(business_code__in=GUIDES).delete()
    apps.get_model("progress", "CalendarDay").objects.filter(day__year=2026).delete()


class Migration(migrations.Migration):
    dependencies = [("progress", "0006_guides_and_calendar")]
    operations = [migrations.RunPython(fill, empty)]
