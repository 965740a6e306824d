#!/usr/bin/env python3
"""The example scenario (inputs/westelijke-mijnstreek.yaml and its two CSV
tables) as a workbook written by openpyxl, independently of teamplan: the
CSV rows read with Python's csv module, each cell typed as a person typing
into Excel would leave it (numbers as numbers, dates as dates, true/false as
booleans, the rest as text), the scenario's keys and funding streams copied
from the YAML by hand. WorkbookTests reads it back and compares it with the
YAML's scenario.

    workbook_openpyxl.py ANSWER OUT.xlsx CSV_FOLDER [--dutch] [--1904] [--text-numbers]

--dutch writes Dutch sheet and column names; --1904 uses the 1904 date
system; --text-numbers stores every number as text with a decimal comma.
Writes {"sheets": [...]} to ANSWER.
"""
import csv, datetime, json, sys
import openpyxl
from openpyxl.utils.datetime import CALENDAR_MAC_1904

answer, out, folder = sys.argv[1:4]
flags = set(sys.argv[4:])
dutch = '--dutch' in flags
text_numbers = '--text-numbers' in flags

SHEETS = {'Scenario': 'Scenario', 'Workers': 'Medewerkers', 'Practices': 'Praktijken', 'Funding': 'Financiering',
          'Leave': 'Verlof'}
COLUMNS = {'name': 'naam', 'hours_per_week': 'uren_per_week', 'reserved_hours': 'gereserveerde_uren',
           'available': 'beschikbaar', 'skills': 'vaardigheden', 'max_practices': 'max_praktijken',
           'leave': 'verlof', 'can_substitute': 'kan_invallen', 'municipality': 'gemeente',
           'sessions_per_week': 'spreekuren_per_week', 'session_hours': 'uren_per_spreekuur',
           'requires_skills': 'vereiste_vaardigheden', 'backups': 'invallers', 'max_workers': 'max_medewerkers',
           'priority': 'prioriteit', 'funder': 'financier', 'budget_hours': 'budget_uren',
           'rate_eur_per_hour': 'tarief_eur_per_uur', 'pays_for': 'betaalt_voor', 'municipalities': 'gemeenten',
           'practices': 'praktijken', 'worker': 'medewerker', 'from': 'van', 'to': 'tot_en_met'}

def sheet_name(name): return SHEETS[name] if dutch else name
def column(name): return COLUMNS.get(name, name) if dutch else name

def number(text):
    if text_numbers:
        return text
    value = float(text.replace(',', '.'))
    return int(value) if value == int(value) else value

def date(text): return datetime.datetime.strptime(text, '%Y-%m-%d')

def typed(name, text):
    if text == '':
        return None
    if text in ('true', 'false'):
        return text == 'true'
    if name in ('hours_per_week', 'reserved_hours', 'max_practices', 'sessions_per_week', 'session_hours',
                'backups', 'max_workers', 'priority'):
        return number(text)
    return text

book = openpyxl.Workbook()
if '--1904' in flags:
    book.epoch = CALENDAR_MAC_1904
scenario = book.active
scenario.title = sheet_name('Scenario')
for key, value in [('name', 'Westelijke Mijnstreek, Q1 2027'), ('quarter.start', date('2027-01-04')),
                   ('quarter.weeks', 13), ('holidays', 'nl|carnaval'),
                   ('overhead.admin_per_contact_hour', number('0,5')), ('overhead.travel_hours_per_visit', number('0,25')),
                   ('overhead.mdo.every_weeks', 2), ('overhead.mdo.hours', 1.0)]:
    scenario.append([key, value])

def table(title, path):
    sheet = book.create_sheet(sheet_name(title))
    with open(path, encoding='utf-8-sig', newline='') as f:
        rows = list(csv.reader(f, delimiter=';'))
    header, body = rows[0], rows[1:]
    keep = [i for i, name in enumerate(header) if name != 'leave']
    sheet.append([column(header[i]) for i in keep])
    for row in body:
        sheet.append([typed(header[i], row[i]) for i in keep])
    return header, body

header, workers = table('Workers', folder + '/workers.csv')
leave = book.create_sheet(sheet_name('Leave'))
leave.append([column('worker'), column('from'), column('to')])
for row in workers:
    for span in filter(None, row[header.index('leave')].split('|')):
        start, _, end = span.partition('..')
        leave.append([row[0], date(start), date(end or start)])
table('Practices', folder + '/practices.csv')

funding = book.create_sheet(sheet_name('Funding'))
funding.append([column(c) for c in ['id', 'funder', 'budget_eur', 'budget_hours', 'rate_eur_per_hour', 'pays_for',
                                    'municipalities', 'practices']])
funding.append(['wmo-sittard-geleen', 'Gemeente Sittard-Geleen', 38000, None, number('82,5'),
                'contact|admin|travel|mdo', 'sittard-geleen', None])
funding.append(['wmo-beekdaelen-stein', 'Gemeenten Beekdaelen en Stein', 18000, None, number('79,75'),
                'contact|admin|travel|mdo', 'beekdaelen|stein', None])
funding.append(['welzijn-op-recept', 'Zorgverzekeraar regio Zuid', None, 120, None, 'contact', None,
                'kollenberg|nuth|stein-centrum'])
book.save(out)
with open(answer, 'w') as f:
    json.dump({'sheets': book.sheetnames}, f)
