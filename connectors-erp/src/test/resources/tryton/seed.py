#!/usr/bin/python3
# Seeds a freshly activated Tryton 6.0 database for the retail-sync end-to-end tests.
# Run in-process through proteus (no server): /usr/bin/python3 seed.py <conf> <db> <ids.json>
# The steps follow Tryton's own scenario (modules/sale/tests/scenario_sale.rst) and its helpers.
# Any change to this file changes the cache key, so the seeded database is rebuilt.
import datetime
import json
import sys
from decimal import Decimal

from proteus import Model, Wizard, config as pconfig

conf_path, db_name, ids_path = sys.argv[1], sys.argv[2], sys.argv[3]
config = pconfig.set_trytond(db_name, config_file=conf_path)

# Tryton's scenario helpers (modules/*/tests/tools.py) cannot be imported outside its test runner
# (importing the tests package needs DB_NAME), so the few steps they take are written out here.
from dateutil.relativedelta import relativedelta


def get_company():
    company, = Model.get('company.company').find()
    return company


def create_fiscalyear(company, today):
    FiscalYear = Model.get('account.fiscalyear')
    Sequence = Model.get('ir.sequence')
    SequenceStrict = Model.get('ir.sequence.strict')
    SequenceType = Model.get('ir.sequence.type')
    fiscalyear = FiscalYear(name=str(today.year))
    fiscalyear.start_date = today + relativedelta(month=1, day=1)
    fiscalyear.end_date = today + relativedelta(month=12, day=31)
    fiscalyear.company = company
    move_type, = SequenceType.find([('name', '=', 'Account Move')], limit=1)
    post_move_sequence = Sequence(name=str(today.year), sequence_type=move_type, company=company)
    post_move_sequence.save()
    fiscalyear.post_move_sequence = post_move_sequence
    invoice_type, = SequenceType.find([('name', '=', 'Invoice')], limit=1)
    invoice_seq = SequenceStrict(name=str(today.year), sequence_type=invoice_type, company=company)
    invoice_seq.save()
    seq, = fiscalyear.invoice_sequences
    seq.out_invoice_sequence = invoice_seq
    seq.in_invoice_sequence = invoice_seq
    seq.out_credit_note_sequence = invoice_seq
    seq.in_credit_note_sequence = invoice_seq
    return fiscalyear


def get_accounts(company):
    Account = Model.get('account.account')
    accounts = {}
    for kind in ['receivable', 'payable', 'revenue', 'expense']:
        found = Account.find([('type.%s' % kind, '=', True), ('company', '=', company.id)], limit=1)
        if found:
            accounts[kind] = found[0]
    for kind, name in [('cash', 'Main Cash'), ('tax', 'Main Tax')]:
        found = Account.find([('company', '=', company.id), ('name', '=', name)], limit=1)
        if found:
            accounts[kind] = found[0]
    return accounts


def create_chart(company):
    AccountTemplate = Model.get('account.account.template')
    ModelData = Model.get('ir.model.data')
    data, = ModelData.find([('module', '=', 'account'), ('fs_id', '=', 'account_template_root_en')],
                           limit=1)
    wizard = Wizard('account.create_chart')
    wizard.execute('account')
    wizard.form.account_template = AccountTemplate(data.db_id)
    wizard.form.company = company
    wizard.execute('create_account')
    accounts = get_accounts(company)
    if accounts['receivable'].party_required:
        wizard.form.account_receivable = accounts['receivable']
    if accounts['payable'].party_required:
        wizard.form.account_payable = accounts['payable']
    wizard.execute('create_properties')


today = datetime.date.today()
ids = {}

Country = Model.get('country.country')
countries = {}
for code, name in [('US', 'United States'), ('DE', 'Germany'), ('GB', 'United Kingdom'),
                   ('FR', 'France')]:
    country = Country(name=name, code=code)
    country.save()
    countries[code] = country
ids['countries'] = {code: c.id for code, c in countries.items()}

Currency = Model.get('currency.currency')
CurrencyRate = Model.get('currency.currency.rate')
currencies = {}
for code, name, symbol, rate in [('USD', 'U.S. Dollar', '$', Decimal('1.0')),
                                 ('EUR', 'Euro', '€', Decimal('0.9'))]:
    currency = Currency(name=name, symbol=symbol, code=code, rounding=Decimal('0.01'))
    currency.save()
    CurrencyRate(date=datetime.date.min, rate=rate, currency=currency).save()
    currencies[code] = currency
ids['currencies'] = {code: c.id for code, c in currencies.items()}

Party = Model.get('party.party')
company_party = Party(name='Retail Sync Test Company')
address, = company_party.addresses
address.street = '1 Main Street'
address.city = 'Springfield'
address.postal_code = '12345'
address.country = countries['US']
company_party.save()
company_config = Wizard('company.company.config')
company_config.execute('company')
company_config.form.party = company_party
company_config.form.currency = currencies['USD']
company_config.execute('add')
User = Model.get('res.user')
config._context = User.get_preferences(True, {})
company = get_company()
ids['company'] = company.id

User = Model.get('res.user')
Employee = Model.get('company.employee')
employee_party = Party(name='Sync Bot')
employee_party.save()
employee = Employee(party=employee_party, company=company)
employee.save()
admin, = User.find([('login', '=', 'admin')])
admin.employees.append(employee)
admin.employee = employee
admin.save()
config._context = User.get_preferences(True, {})
ids['user'] = admin.id
ids['employee'] = employee.id

fiscalyears = []
for year in (today.year - 1, today.year, today.year + 1):
    fiscalyear = create_fiscalyear(company, datetime.date(year, 6, 1))
    fiscalyear.click('create_period')
    fiscalyears.append(year)
ids['fiscal_years'] = fiscalyears

create_chart(company)
accounts = get_accounts(company)
ids['accounts'] = {k: a.id for k, a in accounts.items()}

Tax = Model.get('account.tax')
tax = Tax(name='Sales Tax 10%', description='Sales Tax 10%', type='percentage',
          rate=Decimal('0.10'), invoice_account=accounts['tax'],
          credit_note_account=accounts['tax'])
tax.save()
ids['tax'] = tax.id

Category = Model.get('product.category')
plain = Category(name='Goods (tax free)', accounting=True,
                 account_revenue=accounts['revenue'], account_expense=accounts['expense'])
plain.save()
taxed = Category(name='Goods (10% tax)', accounting=True,
                 account_revenue=accounts['revenue'], account_expense=accounts['expense'])
taxed.customer_taxes.append(Tax(tax.id))
taxed.save()

PaymentTerm = Model.get('account.invoice.payment_term')
payment_term = PaymentTerm(name='Direct')
payment_term.lines.new(type='remainder')
payment_term.save()
ids['payment_term'] = payment_term.id

Uom = Model.get('product.uom')
unit, = Uom.find([('name', '=', 'Unit')])
ids['unit'] = unit.id
Template = Model.get('product.template')
products = {}
for code, name, price, kind, category, qty in [
        ('SKU-001', 'Retail Widget', '10.00', 'goods', plain, 100),
        ('SKU-002', 'Retail Gadget', '25.50', 'goods', plain, 50),
        ('SKU-003', 'Retail Gizmo', '99.99', 'goods', plain, 10),
        ('SKU-TAX', 'Taxed Thing', '20.00', 'goods', taxed, 40),
        ('SRV-001', 'Gift Wrapping', '3.00', 'service', plain, 0)]:
    template = Template(name=name, code=code, default_uom=unit, type=kind, salable=True,
                        list_price=Decimal(price), account_category=category)
    template.save()
    product, = template.products
    product.cost_price = Decimal(price) / 2
    product.save()
    products[code] = (product, qty)
ids['products'] = {code: p.id for code, (p, _) in products.items()}

Location = Model.get('stock.location')
storage, = Location.find([('code', '=', 'STO')])
warehouse, = Location.find([('code', '=', 'WH')])
customer_loc, = Location.find([('code', '=', 'CUS')])
ids['locations'] = {'WH': warehouse.id, 'STO': storage.id, 'CUS': customer_loc.id}
Inventory = Model.get('stock.inventory')
inventory = Inventory(location=storage, date=today)
for code, (product, qty) in products.items():
    if qty:
        line = inventory.lines.new()
        line.product = product
        line.quantity = qty
        line.expected_quantity = 0
inventory.save()
inventory.click('confirm')
assert inventory.state == 'done', inventory.state

seed = Party(name='Seed Customer', customer_payment_term=payment_term)
address, = seed.addresses
address.street = '742 Evergreen Terrace'
address.city = 'Springfield'
address.postal_code = '49007'
address.country = countries['US']
seed.contact_mechanisms.new(type='email', value='seed@example.com')
seed.save()
limited = Party(name='Credit Limited Customer', customer_payment_term=payment_term,
                credit_limit_amount=Decimal('50'))
address, = limited.addresses
address.street = '1 Limit Road'
address.city = 'Springfield'
address.postal_code = '49007'
address.country = countries['US']
limited.save()
ids['customers'] = {'seed': seed.id, 'credit_limited': limited.id}

with open(ids_path, 'w') as out:
    json.dump(ids, out, indent=1, sort_keys=True)
