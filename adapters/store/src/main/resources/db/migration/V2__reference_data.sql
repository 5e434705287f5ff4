-- Reference data every installation starts with. Each row is data a regulator can change; nothing here is
-- a constant in code. Calendars marked [U] must be checked against the State Council notice of that year.

INSERT INTO jurisdiction (code, name_zh, name_en) VALUES
  ('CN', '全国碳市场', 'National market'),
  ('GD', '广东', 'Guangdong'),
  ('SZ', '深圳', 'Shenzhen'),
  ('SH', '上海', 'Shanghai'),
  ('FJ', '福建', 'Fujian'),
  ('BJ', '北京', 'Beijing'),
  ('TJ', '天津', 'Tianjin'),
  ('HB', '湖北', 'Hubei'),
  ('CQ', '重庆', 'Chongqing');

INSERT INTO unit_type (code, kind, issuer, name_zh, name_en) VALUES
  ('CEA',   'ALLOWANCE', 'CN', '全国碳排放配额', 'China Emission Allowance'),
  ('GDEA',  'ALLOWANCE', 'GD', '广东碳排放配额', 'Guangdong allowance'),
  ('SZEA',  'ALLOWANCE', 'SZ', '深圳碳排放配额', 'Shenzhen allowance'),
  ('SHEA',  'ALLOWANCE', 'SH', '上海碳排放配额', 'Shanghai allowance'),
  ('FJEA',  'ALLOWANCE', 'FJ', '福建碳排放配额', 'Fujian allowance'),
  ('BJEA',  'ALLOWANCE', 'BJ', '北京碳排放配额', 'Beijing allowance'),
  ('TJEA',  'ALLOWANCE', 'TJ', '天津碳排放配额', 'Tianjin allowance'),
  ('HBEA',  'ALLOWANCE', 'HB', '湖北碳排放配额', 'Hubei allowance'),
  ('CQEA',  'ALLOWANCE', 'CQ', '重庆碳排放配额', 'Chongqing allowance'),
  ('CCER',  'OFFSET',    'CN', '国家核证自愿减排量', 'China Certified Emission Reduction'),
  ('FFCER', 'OFFSET',    'FJ', '福建林业碳汇减排量', 'Fujian Forestry CER'),
  ('PHCER', 'OFFSET',    'GD', '广东碳普惠核证减排量', 'Guangdong Pu Hui CER');

-- Every account type of a jurisdiction may hold that jurisdiction's own allowances.
INSERT INTO holding_rule (jurisdiction, account_type, unit_type)
SELECT u.issuer, t.account_type, u.code
  FROM unit_type u
 CROSS JOIN (VALUES ('TOTAL_QUANTITY'), ('ALLOCATION'), ('AUCTION'), ('NEW_ENTRANT_RESERVE'), ('SURRENDER'), ('CANCELLATION'),
                    ('RETIREMENT'), ('COVERED_ENTITY_HOLDING'), ('TRADING_HOLDING'), ('EXCHANGE_CLEARING'), ('AUCTION_DELIVERY')) AS t(account_type)
 WHERE u.kind = 'ALLOWANCE';

-- Offsets: CCER everywhere; FFCER in Fujian, PHCER in Guangdong (and their issuers' total-quantity accounts).
INSERT INTO holding_rule (jurisdiction, account_type, unit_type)
SELECT j.code, t.account_type, o.code
  FROM jurisdiction j
 CROSS JOIN (VALUES ('SURRENDER'), ('CANCELLATION'), ('RETIREMENT'), ('COVERED_ENTITY_HOLDING'), ('TRADING_HOLDING'), ('EXCHANGE_CLEARING')) AS t(account_type)
  JOIN (VALUES ('CCER', NULL), ('FFCER', 'FJ'), ('PHCER', 'GD')) AS o(code, only_in) ON o.only_in IS NULL OR o.only_in = j.code;
INSERT INTO holding_rule (jurisdiction, account_type, unit_type)
SELECT issuer, 'TOTAL_QUANTITY', code FROM unit_type WHERE kind = 'OFFSET'
ON CONFLICT DO NOTHING;

-- Controls per jurisdiction and account type: 4-eyes everywhere but the exchange's clearing account; covered
-- entities may only transfer to trusted accounts; trading accounts may transfer elsewhere after a longer delay.
INSERT INTO control_setting (jurisdiction, account_type, four_eyes, approval_expiry_hours, trusted_delay_hours,
                             untrusted_policy, untrusted_delay_hours, trusted_activation_hours)
SELECT j.code, t.account_type, t.four_eyes, 72, t.trusted_delay, t.policy, t.untrusted_delay, t.activation
  FROM jurisdiction j
 CROSS JOIN (VALUES ('TOTAL_QUANTITY', true, 0, 'DELAY', 0, 0),
                    ('ALLOCATION', true, 0, 'DELAY', 0, 0),
                    ('AUCTION', true, 0, 'DELAY', 0, 0),
                    ('NEW_ENTRANT_RESERVE', true, 0, 'DELAY', 0, 0),
                    ('SURRENDER', true, 0, 'DELAY', 0, 0),
                    ('CANCELLATION', true, 0, 'DELAY', 0, 0),
                    ('RETIREMENT', true, 0, 'DELAY', 0, 0),
                    ('COVERED_ENTITY_HOLDING', true, 0, 'REFUSE', 0, 24),
                    ('TRADING_HOLDING', true, 0, 'DELAY', 24, 24),
                    ('EXCHANGE_CLEARING', false, 0, 'DELAY', 0, 0),
                    ('AUCTION_DELIVERY', true, 0, 'DELAY', 0, 0)) AS t(account_type, four_eyes, trusted_delay, policy, untrusted_delay, activation);

-- State Council holiday notices (国务院办公厅关于节假日安排的通知). 2025: [C]; 2026: [U], check the notice.
INSERT INTO calendar_day (jurisdiction, day, kind, note)
SELECT j.code, d.day::date, d.kind, d.note
  FROM jurisdiction j
 CROSS JOIN (VALUES
   ('2025-01-01', 'HOLIDAY', '元旦'),
   ('2025-01-26', 'MAKE_UP_WORKDAY', '春节调休'),
   ('2025-01-28', 'HOLIDAY', '春节'), ('2025-01-29', 'HOLIDAY', '春节'), ('2025-01-30', 'HOLIDAY', '春节'),
   ('2025-01-31', 'HOLIDAY', '春节'), ('2025-02-01', 'HOLIDAY', '春节'), ('2025-02-02', 'HOLIDAY', '春节'),
   ('2025-02-03', 'HOLIDAY', '春节'), ('2025-02-04', 'HOLIDAY', '春节'),
   ('2025-02-08', 'MAKE_UP_WORKDAY', '春节调休'),
   ('2025-04-04', 'HOLIDAY', '清明节'), ('2025-04-05', 'HOLIDAY', '清明节'), ('2025-04-06', 'HOLIDAY', '清明节'),
   ('2025-04-27', 'MAKE_UP_WORKDAY', '劳动节调休'),
   ('2025-05-01', 'HOLIDAY', '劳动节'), ('2025-05-02', 'HOLIDAY', '劳动节'), ('2025-05-03', 'HOLIDAY', '劳动节'),
   ('2025-05-04', 'HOLIDAY', '劳动节'), ('2025-05-05', 'HOLIDAY', '劳动节'),
   ('2025-05-31', 'HOLIDAY', '端午节'), ('2025-06-01', 'HOLIDAY', '端午节'), ('2025-06-02', 'HOLIDAY', '端午节'),
   ('2025-09-28', 'MAKE_UP_WORKDAY', '国庆节调休'),
   ('2025-10-01', 'HOLIDAY', '国庆节、中秋节'), ('2025-10-02', 'HOLIDAY', '国庆节、中秋节'), ('2025-10-03', 'HOLIDAY', '国庆节、中秋节'),
   ('2025-10-04', 'HOLIDAY', '国庆节、中秋节'), ('2025-10-05', 'HOLIDAY', '国庆节、中秋节'), ('2025-10-06', 'HOLIDAY', '国庆节、中秋节'),
   ('2025-10-07', 'HOLIDAY', '国庆节、中秋节'), ('2025-10-08', 'HOLIDAY', '国庆节、中秋节'),
   ('2025-10-11', 'MAKE_UP_WORKDAY', '国庆节调休'),
   ('2026-01-01', 'HOLIDAY', '元旦 [U]'), ('2026-01-02', 'HOLIDAY', '元旦 [U]'), ('2026-01-03', 'HOLIDAY', '元旦 [U]'),
   ('2026-01-04', 'MAKE_UP_WORKDAY', '元旦调休 [U]'),
   ('2026-02-14', 'MAKE_UP_WORKDAY', '春节调休 [U]'),
   ('2026-02-15', 'HOLIDAY', '春节 [U]'), ('2026-02-16', 'HOLIDAY', '春节 [U]'), ('2026-02-17', 'HOLIDAY', '春节 [U]'),
   ('2026-02-18', 'HOLIDAY', '春节 [U]'), ('2026-02-19', 'HOLIDAY', '春节 [U]'), ('2026-02-20', 'HOLIDAY', '春节 [U]'),
   ('2026-02-21', 'HOLIDAY', '春节 [U]'), ('2026-02-22', 'HOLIDAY', '春节 [U]'), ('2026-02-23', 'HOLIDAY', '春节 [U]'),
   ('2026-02-28', 'MAKE_UP_WORKDAY', '春节调休 [U]'),
   ('2026-10-01', 'HOLIDAY', '国庆节 [U]'), ('2026-10-02', 'HOLIDAY', '国庆节 [U]'), ('2026-10-03', 'HOLIDAY', '国庆节 [U]'),
   ('2026-10-04', 'HOLIDAY', '国庆节 [U]'), ('2026-10-05', 'HOLIDAY', '国庆节 [U]'), ('2026-10-06', 'HOLIDAY', '国庆节 [U]'),
   ('2026-10-07', 'HOLIDAY', '国庆节 [U]'),
   ('2026-10-10', 'MAKE_UP_WORKDAY', '国庆节调休 [U]')
 ) AS d(day, kind, note);
