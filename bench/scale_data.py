# ruff: noqa: S608 -- the SQL is built from this module's own constants and integers, never input
"""The province dataset for `bench/scale.py`, built by SQL on a PostgreSQL database of its own.

Fixed part, built once and measured at every stage:
- 100 counties, 20,000 units (200 a county);
- BIG: a unit of 5,000 active persons with 10 years (120 months) of monthly contributions;
- MEDIUM: a unit of 1,894 active persons with a year of contributions;
- 500 open cases in BIG; 2,000 cases awaiting review in REVIEW_COUNTY; 50,000 cases in all,
  each with its events.
Growing part: the rest of the province's persons, spread over the other units, each with a
relation; every 20th is retired (an ended relation and a retirement), every 10th has an
earlier ended relation in another unit. `grow(cursor, to=N)` adds persons until N exist.
"""

from __future__ import annotations

from roster.triggers import RELATION_TRIGGER, TOUCH

BIG_UNIT = "3610000001"
MEDIUM_UNIT = "3610000002"
REVIEW_COUNTY = "361001"
BIG_PERSONS = 5_000
MEDIUM_PERSONS = 1_894
FIXED_PERSONS = BIG_PERSONS + MEDIUM_PERSONS
COUNTIES, UNITS_PER_COUNTY = 100, 200
CASES, OPEN_IN_BIG, AWAITING_REVIEW = 50_000, 500, 2_000

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏"
    "魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚"
)
GIVEN = (
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏辉建国文斌宇浩凯健俊帆帅旭宁欣"
    "怡婷雪琳晨阳佳悦睿博嘉思雨轩梓涵子豪诗颖欢瑶倩璐露蕾"
)

FUNCTIONS = f"""
CREATE OR REPLACE FUNCTION bench_id(body text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT body || substr('10X98765432', (
    (SELECT sum(substr(body, i, 1)::int * (ARRAY[7,9,10,5,8,4,2,1,6,3,7,9,10,5,8,4,2])[i])
     FROM generate_series(1, 17) AS i) % 11)::int + 1, 1)
$$;
-- BIG's persons have the highest personal codes of the province (as a unit of a county with a
-- high code would): a plan that walks the province's code index from the start meets them last.
CREATE OR REPLACE FUNCTION bench_code(n bigint) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN n <= {BIG_PERSONS} THEN '99' || to_char(n, 'FM0000000000')
              ELSE '9' || to_char(n, 'FM00000000000') END
$$;
CREATE OR REPLACE FUNCTION bench_n(code text) RETURNS bigint LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN code LIKE '99%' THEN substr(code, 3)::bigint ELSE substr(code, 2)::bigint END
$$;
CREATE OR REPLACE FUNCTION bench_name(n bigint) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT substr('{SURNAMES}', (n % {len(SURNAMES)})::int + 1, 1)
      || substr('{GIVEN}', ((n / {len(SURNAMES)}) % {len(GIVEN)})::int + 1, 1)
      || CASE WHEN n % 3 = 0 THEN ''
              ELSE substr('{GIVEN}', ((n / 7) % {len(GIVEN)})::int + 1, 1) END
$$;
"""

PLACES = f"""
INSERT INTO roster_county (code, name, city)
SELECT '36' || to_char(1000 + i, 'FM0000'), '县区' || i, '地市' || (i / 10)
FROM generate_series(0, {COUNTIES - 1}) AS i;

INSERT INTO roster_unit (code, name, credit_code, unit_type, county_id, legal_representative,
                         address, phone, insured_since, status)
SELECT c.code || to_char(u, 'FM0000'),
       c.name || CASE u % 3 WHEN 0 THEN '教育体育局' WHEN 1 THEN '人民医院' ELSE '财政局' END || u,
       '12' || c.code || to_char(u, 'FM000000000') || 'X',
       (ARRAY['agency', 'civil_institution', 'institution'])[u % 3 + 1],
       c.id, bench_name(u), c.name || '某路' || u || '号', '0791-8' || to_char(u, 'FM000000'),
       DATE '2014-10-01', 'active'
FROM roster_county c CROSS JOIN generate_series(1, {UNITS_PER_COUNTY}) AS u;

-- The units the growing part is spread over, numbered from 0.
CREATE TABLE bench_unit AS
SELECT (row_number() OVER (ORDER BY id) - 1)::int AS k, id FROM roster_unit
WHERE code NOT IN ('{BIG_UNIT}', '{MEDIUM_UNIT}');
CREATE UNIQUE INDEX ON bench_unit (k);
"""


def _persons(first: int, last: int) -> str:
    """Persons numbered first..last: unique codes and IDs, birth dates over 40 years, the sex
    that the ID's 17th digit says."""
    return f"""
INSERT INTO roster_person (personal_code, name, id_type, id_number, sex, birth_date, ethnicity,
    nationality, work_start_date, staff_category, phone, address, household_type,
    household_address, education)
SELECT bench_code(n), bench_name(n), 'resident_id',
       bench_id('360102' || to_char(birth, 'YYYYMMDD') || to_char(seq, 'FM000')),
       CASE WHEN seq % 2 = 1 THEN 'M' ELSE 'F' END, birth, '汉族', '中国',
       (birth + interval '22 years')::date, (ARRAY['cadre', 'worker'])[n % 2 + 1],
       '138' || to_char(n % 100000000, 'FM00000000'), '南昌市某路' || (n % 500) || '号',
       'urban', '南昌市', 'bachelor'
FROM (SELECT n, DATE '1962-01-01' + (n % 14600)::int AS birth, (n / 14600) % 1000 AS seq
      FROM generate_series({first}, {last}) AS n) AS s;
"""


def _fixed_relations() -> str:
    return f"""
INSERT INTO roster_insurancerelation (person_id, unit_id, scheme, occupational_annuity, status,
    start_month, contribution_base)
SELECT p.id, u.id, 'public_pension', true, 'active',
       (DATE '2014-10-01' + ((n % 60) || ' months')::interval)::date, 6000 + (n % 40) * 100
FROM (SELECT id, bench_n(personal_code) AS n FROM roster_person
      WHERE bench_n(personal_code) <= {FIXED_PERSONS}) AS p
JOIN roster_unit u
  ON u.code = CASE WHEN p.n <= {BIG_PERSONS} THEN '{BIG_UNIT}' ELSE '{MEDIUM_UNIT}' END;

-- BIG: 120 months of contributions, the last two due for every 50th person; MEDIUM: 12 months.
INSERT INTO roster_contribution (person_id, unit_id, month, base, unit_amount, personal_amount,
    status)
SELECT r.person_id, r.unit_id, m.month, r.contribution_base,
       round(r.contribution_base * 0.16, 2), round(r.contribution_base * 0.08, 2),
       CASE WHEN r.person_id % 50 = 0 AND m.age < 2 THEN 'due' ELSE 'paid' END
FROM roster_insurancerelation r
JOIN roster_unit u ON u.id = r.unit_id AND u.code IN ('{BIG_UNIT}', '{MEDIUM_UNIT}')
CROSS JOIN LATERAL (
  SELECT (date_trunc('month', now()) - ((a + 1) || ' months')::interval)::date AS month, a AS age
  FROM generate_series(0, CASE WHEN u.code = '{BIG_UNIT}' THEN 119 ELSE 11 END) AS a
) AS m;
"""


def _other_relations(first: int, last: int) -> str:
    count = COUNTIES * UNITS_PER_COUNTY - 2
    return f"""
INSERT INTO roster_insurancerelation (person_id, unit_id, scheme, occupational_annuity, status,
    start_month, end_month, contribution_base)
SELECT p.id, bu.id, 'public_pension', p.n % 4 <> 0,
       CASE WHEN p.n % 20 = 0 THEN 'ended' ELSE 'active' END,
       CASE WHEN p.n % 10 = 5 THEN DATE '2019-01-01' ELSE DATE '2014-10-01' END,
       CASE WHEN p.n % 20 = 0 THEN DATE '2022-01-01' END, 5000 + (p.n % 50) * 100
FROM (SELECT id, bench_n(personal_code) AS n FROM roster_person
      WHERE bench_n(personal_code) BETWEEN {first} AND {last}) AS p
JOIN bench_unit bu ON bu.k = p.n % {count};

-- Every 10th (the 5s) came from another unit, where the relation ended before this one began.
INSERT INTO roster_insurancerelation (person_id, unit_id, scheme, occupational_annuity, status,
    start_month, end_month, contribution_base)
SELECT p.id, bu.id, 'public_pension', true, 'ended', DATE '2014-10-01', DATE '2018-12-01', 4800
FROM (SELECT id, bench_n(personal_code) AS n FROM roster_person
      WHERE bench_n(personal_code) BETWEEN {first} AND {last}) AS p
JOIN bench_unit bu ON bu.k = (p.n + 1) % {count}
WHERE p.n % 10 = 5;

INSERT INTO roster_retirement (person_id, unit_id, retirement_date, retirement_type,
    monthly_pension)
SELECT p.id, bu.id, DATE '2022-01-01', 'normal', 4000 + (p.n % 30) * 100
FROM (SELECT id, bench_n(personal_code) AS n FROM roster_person
      WHERE bench_n(personal_code) BETWEEN {first} AND {last}) AS p
JOIN bench_unit bu ON bu.k = p.n % {count}
WHERE p.n % 20 = 0;
"""


def _cases() -> str:
    closed = CASES - OPEN_IN_BIG - AWAITING_REVIEW
    return f"""
-- 500 open reductions in BIG, one per person.
INSERT INTO progress_application (unit_id, business_code, person_id, subject_name,
    subject_id_number, status, version, data, created_at, submitted_at, reference)
SELECT r.unit_id, 'staff_reduction', p.id, p.name, p.id_number,
       (ARRAY['draft', 'submitted', 'rejected'])[p.id % 3 + 1], 2,
       '{{"reason": "transfer", "stop_month": "2026-11"}}'::jsonb,
       now() - (p.id % 90 || ' days')::interval,
       CASE WHEN p.id % 3 <> 0 THEN now() - (p.id % 30 || ' days')::interval END,
       CASE WHEN p.id % 3 <> 0 THEN 'R1' || to_char(p.id, 'FM0000000000') ELSE '' END
FROM roster_insurancerelation r
JOIN roster_person p ON p.id = r.person_id
JOIN roster_unit u ON u.id = r.unit_id AND u.code = '{BIG_UNIT}'
ORDER BY p.id LIMIT {OPEN_IN_BIG};

-- 2,000 新登记 additions awaiting review in REVIEW_COUNTY's units.
INSERT INTO progress_application (unit_id, business_code, subject_name, subject_id_number,
    status, version, data, created_at, submitted_at, reference)
SELECT u.id, 'staff_addition', bench_name(i + 7), bench_id('360102' || to_char(DATE '1990-01-01'
       + i, 'YYYYMMDD') || '9' || to_char(i % 100, 'FM00')), 'submitted', 3,
       '{{"type": "new_registration"}}'::jsonb,
       now() - (i % 20 || ' days')::interval, now() - (i % 10 || ' days')::interval,
       'R2' || to_char(i, 'FM0000000000')
FROM generate_series(0, {AWAITING_REVIEW - 1}) AS i
JOIN roster_county c ON c.code = '{REVIEW_COUNTY}'
JOIN roster_unit u ON u.county_id = c.id AND u.code = c.code || to_char(i % 200 + 1, 'FM0000');

-- The rest, finished, over every unit.
INSERT INTO progress_application (unit_id, business_code, subject_name, subject_id_number,
    status, version, data, created_at, submitted_at, finished_at, reference)
SELECT bu.id, (ARRAY['staff_addition', 'staff_reduction', 'pension_claim'])[i % 3 + 1],
       bench_name(i), bench_id('360102' || to_char(DATE '1980-01-01' + i % 9000, 'YYYYMMDD')
       || to_char(i % 1000, 'FM000')), CASE WHEN i % 7 = 0 THEN 'withdrawn' ELSE 'approved' END,
       4, '{{}}'::jsonb, now() - (i % 2000 || ' days')::interval,
       now() - (i % 2000 || ' days')::interval + interval '1 hour',
       now() - (i % 2000 || ' days')::interval + interval '2 days',
       'R3' || to_char(i, 'FM0000000000')
FROM generate_series(0, {closed - 1}) AS i
JOIN bench_unit bu ON bu.k = i % {COUNTIES * UNITS_PER_COUNTY - 2};

INSERT INTO progress_applicationevent (application_id, at, action, from_status, to_status, note)
SELECT a.id, a.created_at, 'created', '', 'draft', '' FROM progress_application a;
INSERT INTO progress_applicationevent (application_id, at, action, from_status, to_status, note)
SELECT a.id, a.submitted_at, 'submitted', 'draft', 'submitted', ''
FROM progress_application a WHERE a.submitted_at IS NOT NULL;
INSERT INTO progress_applicationevent (application_id, at, action, from_status, to_status, note)
SELECT a.id, a.finished_at, a.status, 'submitted', a.status, ''
FROM progress_application a WHERE a.finished_at IS NOT NULL;
"""


def _relations_in_bulk(cursor, statements) -> None:
    """The relations' row trigger would touch each new person once per relation: it rests
    while they are loaded, and the new persons' current units are then computed at once."""
    cursor.execute(f"ALTER TABLE roster_insurancerelation DISABLE TRIGGER {RELATION_TRIGGER}")
    try:
        for sql in statements:
            cursor.execute(sql)
    finally:
        cursor.execute(f"ALTER TABLE roster_insurancerelation ENABLE TRIGGER {RELATION_TRIGGER}")
    cursor.execute(TOUCH + " WHERE current_unit_id IS NULL")


def build_fixed(cursor) -> None:
    """Counties, units, BIG and MEDIUM with their contributions, the cases."""
    for sql in (FUNCTIONS, PLACES):
        cursor.execute(sql)
    _relations_in_bulk(cursor, [_persons(1, FIXED_PERSONS), _fixed_relations()])
    cursor.execute(_cases())


def grow(cursor, *, others: int) -> None:
    """Add the province's other persons until `others` of them exist."""
    cursor.execute("SELECT count(*) FROM roster_person")
    have = cursor.fetchone()[0] - FIXED_PERSONS
    step = 200_000
    for first in range(FIXED_PERSONS + have + 1, FIXED_PERSONS + others + 1, step):
        last = min(first + step - 1, FIXED_PERSONS + others)
        _relations_in_bulk(cursor, [_persons(first, last), _other_relations(first, last)])
    cursor.execute("ANALYZE")
