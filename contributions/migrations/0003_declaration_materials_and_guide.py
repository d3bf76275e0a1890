"""缴费基数申报: its document and its guide (editable in admin afterwards)."""

from django.db import migrations

MATERIALS = [
    (
        "wage_sheet",
        "加盖公章的上年度工资发放明细",
        True,
        "上年度全年工资发放明细表，由单位负责人签字并加盖单位公章",
    ),
    ("other", "其他材料", False, ""),
]
GUIDE = {
    "time_limit_days": 10,
    "conditions": (
        "1. 在每年的申报期内，由单位为在本单位正常参保缴费的全部人员（含年度中新增人员）申报；\n"
        "2. 申报本人上年度月平均工资，缴费基数按上年度全省在岗职工月平均工资的60%至300%核定：低于60%的按60%，高于300%的按300%；\n"
        "3. 核定的缴费基数自申报年度1月起执行；\n"
        "4. 基本养老保险单位缴费比例16%、个人8%；参加职业年金的，单位8%、个人4%。"
    ),
    "procedure": (
        "1. 单位经办人在申报期内进入“缴费基数申报”，开始本年度申报；\n"
        "2. 逐人填写上年度月平均工资，可分页暂存；\n"
        "3. 上传加盖公章的工资发放明细后提交；\n"
        "4. 区县社保经办机构审核，审核通过后新缴费基数自本年度1月起执行，可下载核定单。"
    ),
    "legal_basis": "《中华人民共和国社会保险法》；《国务院关于机关事业单位工作人员养老保险制度改革的决定》（国发〔2015〕2号）；《机关事业单位职业年金办法》（国办发〔2015〕18号）",
}


def fill(apps, schema_editor):
    material_type = apps.get_model("progress", "MaterialType")
    for order, (code, name, required, hint) in enumerate(MATERIALS, start=1):
        material_type.objects.update_or_create(
            business_code="base_declaration",
            code=code,
            defaults={"name": name, "required": required, "order": order, "hint": hint},
        )
    apps.get_model("progress", "ServiceGuide").objects.update_or_create(
        business_code="base_declaration", defaults=GUIDE
    )


def empty(apps, schema_editor):
    apps.get_model("progress", "MaterialType").objects.filter(
        business_code="base_declaration"
    ).delete()
    apps.get_model("progress", "ServiceGuide").objects.filter(
        business_code="base_declaration"
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("contributions", "0002_rates"), ("progress", "0010_case_rows")]
    operations = [migrations.RunPython(fill, empty)]
