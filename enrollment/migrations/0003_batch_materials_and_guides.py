"""批量增员 and 批量减员: their usual documents and their guides (editable in admin afterwards)."""

from django.db import migrations

BASIS = "《中华人民共和国社会保险法》；《国务院关于机关事业单位工作人员养老保险制度改革的决定》（国发〔2015〕2号）"
MATERIALS = {
    "batch_addition": [
        (
            "roster_scan",
            "加盖公章的增员名册",
            True,
            "上传的增员名册打印后由单位负责人签字、加盖单位公章的扫描件",
        ),
        (
            "hiring_approval",
            "录用/调入审批材料",
            True,
            "录用、调入或任命的审批文件（可合并为一个PDF）",
        ),
        ("establishment", "编制相关材料", False, "编制部门出具的相关材料"),
        ("other", "其他材料", False, ""),
    ],
    "batch_reduction": [
        (
            "roster_scan",
            "加盖公章的减员名册",
            True,
            "上传的减员名册打印后由单位负责人签字、加盖单位公章的扫描件",
        ),
        (
            "reduction_proof",
            "减员证明材料",
            True,
            "调出、辞职、解聘、死亡等证明文件（减员原因均为“其他”时可不上传）",
        ),
        ("other", "其他材料", False, ""),
    ],
}
GUIDES = {
    "batch_addition": {
        "time_limit_days": 10,
        "conditions": (
            "1. 本单位同一时期新录用、调入或任命的多名在编在岗工作人员（每个名册最多1000人）；\n"
            "2. 每名人员的条件与“在职人员增加”相同：未在机关事业单位养老保险正常参保缴费，未退休，未登记死亡，没有正在办理的增员业务；\n"
            "3. 系统按证件号码逐人判定新登记、新参保或续保；\n"
            "4. 参保开始年月最早可追溯3个月，最晚为下月，且不早于参加工作年月；\n"
            "5. 缴费基数在上年度全省在岗职工月平均工资的60%至300%之间。"
        ),
        "procedure": (
            "1. 单位经办人进入“批量增员”，下载增员名册模板；\n"
            "2. 按填写说明逐行填写后上传，系统逐行校验；有误的行在页面列出，并可下载标注了错误的名册，修改后重新上传；\n"
            "3. 名册全部通过校验后，上传加盖公章的名册等材料并提交；\n"
            "4. 区县社保经办机构审核整个名册，审核通过后名册中的人员全部进入在职花名册；审核不通过的，按退回原因修改后重新提交。"
        ),
        "legal_basis": BASIS + "；《社会保险费征缴暂行条例》",
    },
    "batch_reduction": {
        "time_limit_days": 10,
        "conditions": (
            "1. 名册中的人员均在本单位正常参保缴费（每个名册最多1000人）；\n"
            "2. 每名人员的条件与“在职人员减少”相同：因调出、辞职、辞退或解聘、死亡、出国（境）定居等原因减少；\n"
            "3. 停保年月最早为最后缴费年月的次月前推3个月，最晚为下月；\n"
            "4. 人员没有正在办理的增员、减员或养老金申领业务。"
        ),
        "procedure": (
            "1. 单位经办人进入“批量减员”，下载减员名册模板；\n"
            "2. 按填写说明逐行填写后上传，系统逐行校验；有误的行在页面列出，并可下载标注了错误的名册，修改后重新上传；\n"
            "3. 名册全部通过校验后，上传加盖公章的名册和减员证明材料并提交；\n"
            "4. 区县社保经办机构审核整个名册，审核通过后名册中的人员全部停止参保缴费，移出在职花名册。"
        ),
        "legal_basis": BASIS,
    },
}


def fill(apps, schema_editor):
    material_type = apps.get_model("progress", "MaterialType")
    guide = apps.get_model("progress", "ServiceGuide")
    for business_code, rows in MATERIALS.items():
        for order, (code, name, required, hint) in enumerate(rows, start=1):
            material_type.objects.update_or_create(
                business_code=business_code,
                code=code,
                defaults={"name": name, "required": required, "order": order, "hint": hint},
            )
    for business_code, values in GUIDES.items():
        guide.objects.update_or_create(business_code=business_code, defaults=values)


def empty(apps, schema_editor):
    apps.get_model("progress", "MaterialType").objects.filter(business_code__in=MATERIALS).delete()
    apps.get_model("progress", "ServiceGuide").objects.filter(business_code__in=GUIDES).delete()


class Migration(migrations.Migration):
    dependencies = [("enrollment", "0002_average_wages"), ("progress", "0010_case_rows")]
    operations = [migrations.RunPython(fill, empty)]
