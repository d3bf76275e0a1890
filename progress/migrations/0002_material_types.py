"""The usual documents of each business (editable in admin afterwards)."""

from django.db import migrations

MATERIALS = {
    "pension_claim": [
        ("id_card", "居民身份证", True, "本人居民身份证正反面"),
        ("household_register", "户口簿", True, "户口簿首页及本人页"),
        ("retirement_approval", "退休审批表", True, "经主管部门审批的退休审批表"),
        ("personnel_file", "人事档案相关材料", True, "出生时间、参加工作时间等档案记载材料"),
        ("bank_card", "银行卡或存折", True, "本人社会保障卡或银行卡（存折）"),
        ("photo", "近期一寸照片", False, "近期免冠一寸彩色照片"),
        ("other", "其他材料", False, "特殊工种、职务变动等证明材料"),
    ],
    "staff_addition": [
        ("id_card", "居民身份证", True, "本人有效身份证件"),
        ("hiring_approval", "录用/调入审批材料", True, "录用、调入或任命的审批文件"),
        ("establishment", "编制相关材料", False, "编制部门出具的相关材料"),
        ("other", "其他材料", False, ""),
    ],
    "staff_reduction": [
        ("reduction_proof", "减员证明材料", True, "调出、辞职、解聘、死亡等证明文件"),
        ("other", "其他材料", False, ""),
    ],
}


def add_materials(apps, schema_editor):
    material_type = apps.get_model("progress", "MaterialType")
    for business_code, rows in MATERIALS.items():
        for order, (code, name, required, hint) in enumerate(rows, start=1):
            material_type.objects.update_or_create(
                business_code=business_code,
                code=code,
                defaults={"name": name, "required": required, "order": order, "hint": hint},
            )


def remove_materials(apps, schema_editor):
    material_type = apps.get_model("progress", "MaterialType")
    for business_code, rows in MATERIALS.items():
        material_type.objects.filter(
            business_code=business_code, code__in=[row[0] for row in rows]
        ).delete()


class Migration(migrations.Migration):
    dependencies = [("progress", "0001_cases")]
    operations = [migrations.RunPython(add_materials, remove_materials)]
