// The written shape of the funding side of a scenario (`funding:`), of a whole-council scenario's
// `departments:` and of an authority's `apportionment:` figures. Strict zod schemas: unknown keys
// are errors. Rules zod cannot express (years, start and end, Band D chains) live in load/funding.ts.

import { z } from 'zod/mini';
import { checkedArray, checkedString, described, docs, lazySchema, optional, optionalOf, strictObject } from './lazy.js';
import { BAND_D_ROUNDING } from '../model/band-d.js';
import { PROVENANCES } from '../model/funding.js';
import { amountSchema, amountsByYearSchema, rateSchema, sourceSchema, textSchema, yearSchema } from './common.js';

/** Rows that `funding:` adds to the projection, in display order; `controls:` may name them. */
export const FUNDING_ROWS = [
  'funding',
  'gap',
  'cumulative_gap',
  'reserves_bf',
  'reserves_use',
  'reserves_contributions',
  'reserves_one_off',
  'reserves_cf',
  'reserves_after_gap',
] as const;

const STREAM_METHODS = ['hold', 'linear', 'growth'] as const;

export const provenanceSchema = lazySchema(() =>
  z.enum(PROVENANCES).register(docs, {
    description: 'published (verbatim in the source), derived (stated arithmetic on published figures) or estimate.',
  }),
);

/** A control a figure was calibrated to, written `<row> <year>` as in `controls:`, e.g. `gap 2018/19`. */
export const calibratedToSchema = lazySchema(() =>
  checkedArray(
    checkedString(z.trim(), z.regex(/^[a-z_]+ \d{4}\/\d{2}$/, 'name a control as `<row> <year>`, e.g. `gap 2018/19`')),
    z.minLength(1),
  ).register(docs, {
    description:
      'The controls (`<row> <year>`, e.g. `gap 2018/19`) this figure was chosen to reproduce: `mtfs check` reports them as calibrated, not as evidence.',
  }),
);

const citation = lazySchema(() => ({
  provenance: provenanceSchema(),
  source: sourceSchema(),
  note: optionalOf(textSchema).register(docs, { description: 'How the figure was derived or estimated.' }),
  calibrated_to: optionalOf(calibratedToSchema),
}));

const filling = lazySchema(() => ({
  unstated: optionalOf(() => z.enum(STREAM_METHODS)).register(docs, {
    description:
      'How years after a stated amount are filled: hold (ongoing), linear (straight line between stated amounts) or growth (previous year × (1 + growth)). Estimates are rounded to whole units half away from zero.',
  }),
  growth: optionalOf(rateSchema).register(docs, {
    description: 'The yearly growth rate for `unstated: growth`, e.g. 1% or 0.01.',
  }),
}));

const streamFields = lazySchema(() => ({
  amounts: described(amountsByYearSchema(), { description: 'The amount in each stated year, in the scenario units.' }),
  from: optionalOf(yearSchema).register(docs, { description: 'The first year the stream is received.' }),
  to: optionalOf(yearSchema).register(docs, {
    description: 'The last year it is received: nil afterwards (a one-off or ending grant).',
  }),
  ...filling(),
  ...citation(),
}));

const streamSchema = lazySchema(() =>
  strictObject({
    label: optionalOf(textSchema).register(docs, { description: 'The row label.' }),
    ...streamFields(),
  }).register(docs, { id: 'FundingStream', description: 'Amounts by year with an optional start and end year.' }),
);

const grantIdSchema = lazySchema(() =>
  checkedString(
    z.regex(/^[a-z][a-z0-9-]*$/, 'a grant id is lower-case letters, digits and `-`, starting with a letter, e.g. ibcf'),
  ).register(docs, { description: 'A stable id for CSV and JSON, e.g. ibcf.' }),
);

const conditionalSchema = lazySchema(() =>
  strictObject({
    funds: described(textSchema(), {
      description:
        'The department (in a whole-council scenario) or the scenario’s own `department:` whose spend the grant funds, e.g. Adults and Communities.',
    }),
  }).register(docs, {
    id: 'ConditionalGrant',
    description:
      'A ring-fenced or conditional grant: shown matched to the spend it funds, apart from general funding, and never counted in total funding or the gap.',
  }),
);

const grantSchema = lazySchema(() =>
  strictObject({
    id: grantIdSchema(),
    label: textSchema(),
    conditional: optionalOf(conditionalSchema),
    ...streamFields(),
  }).register(docs, { id: 'Grant', description: 'A grant received in some years: e.g. the improved Better Care Fund.' }),
);

const bandDYearSchema = lazySchema(() =>
  strictObject({
    core: optionalOf(rateSchema).register(docs, {
      description: 'The core council tax increase on last year, e.g. 2.99%.',
    }),
    asc_precept: optionalOf(rateSchema).register(docs, {
      description: 'The adult social care precept on last year, e.g. 3% (from 2016/17, when the precept began; omit it otherwise).',
    }),
    increase: optionalOf(rateSchema).register(docs, {
      description: 'Or: the whole increase on last year as one percentage, e.g. 4.99%, where the source gives no split.',
    }),
    amount: optionalOf(amountSchema).register(docs, {
      description: 'Band D as set (in £ and pence); used for the yield when given.',
    }),
  }).register(docs, { id: 'BandDYear' }),
);

const bandDSchema = lazySchema(() =>
  strictObject({
    base: optionalOf(() => strictObject({ year: yearSchema(), amount: amountSchema() })).register(docs, {
      description: 'Band D (£) in the year before the first derived year, e.g. {year: 2017/18, amount: 1172.38}.',
    }),
    rounding: z.enum(BAND_D_ROUNDING).register(docs, {
      description: 'How a derived Band D is rounded to the penny: penny-half-up, penny-half-even or penny-truncate.',
    }),
    years: optionalOf(() => z.record(yearSchema(), bandDYearSchema())).register(docs, {
      description:
        'Each MTFS year: the increase (core and asc_precept, or increase) and/or the Band D amount as set. Not given with `requirement:`, where Band D = requirement ÷ tax base.',
    }),
    earlier_asc_precept: optionalOf(() =>
      strictObject({
        years: z.record(
          yearSchema(),
          strictObject({ rate: rateSchema(), band_d_before: amountSchema() }).register(docs, {
            description:
              '`rate`: the adult social care precept of that year, e.g. 2%; `band_d_before`: Band D (£) of the year before, which the precept is a share of.',
          }),
        ),
        ...citation(),
      }),
    ).register(docs, {
      description:
        'Adult social care precepts of years before the period: counted in the total the referendum principles allow over a run of years, and in the precept raised to date.',
    }),
    ...citation(),
  }).register(docs, {
    id: 'BandD',
    description: 'Band D council tax in £: given by year, or derived from last year by core + ASC precept.',
  }),
);

const taxBaseSchema = lazySchema(() =>
  strictObject({
    band_d_equivalents: described(amountsByYearSchema(), {
      description: 'The tax base in each stated year (Band D equivalent dwellings).',
    }),
    unstated: optionalOf(() => z.enum([...STREAM_METHODS, 'dwellings'])).register(docs, {
      description:
        'How years after a stated tax base are filled: hold, linear, growth (previous year × (1 + growth)) or dwellings (previous year + `dwellings` Band D equivalents a year).',
    }),
    growth: filling().growth,
    dwellings: optionalOf(amountSchema).register(docs, {
      description: 'For `unstated: dwellings`: the Band D equivalent dwellings added each year (new homes less demolitions), e.g. 1,150.',
    }),
    ...citation(),
  }).register(docs, { id: 'TaxBase' }),
);

const collectionSchema = lazySchema(() =>
  strictObject({
    rate: described(rateSchema(), { description: 'The share of the tax due that is expected to be collected, e.g. 98.5%.' }),
    years: optionalOf(() => z.record(yearSchema(), rateSchema())).register(docs, {
      description: 'Years with a rate of their own, e.g. {2020/21: 98%}; other years take `rate`.',
    }),
    basis: z.enum(['applied', 'in_tax_base']).register(docs, {
      description:
        'applied: yield = tax base × Band D × rate (the tax base is stated before the allowance for non-collection); in_tax_base: the tax base is stated after that allowance, so yield = tax base × Band D and the rate is shown, not applied.',
    }),
    ...citation(),
  }).register(docs, {
    id: 'CollectionRate',
    description: 'The council tax collection rate, and whether the tax base already allows for it.',
  }),
);

const preceptorSchema = lazySchema(() =>
  strictObject({
    name: described(textSchema(), { description: 'The preceptor as the bill names it, e.g. Kent County Council.' }),
    band_d: optionalOf(amountsByYearSchema).register(docs, {
      description: 'Its Band D in each MTFS year, in £ and pence, e.g. 2018/19: 1,237.68.',
    }),
    precept: optionalOf(amountsByYearSchema).register(docs, {
      description: 'Or: its precept in each MTFS year, in the scenario units, e.g. 2019/20: 26,553.',
    }),
    ...citation(),
  }).register(docs, {
    id: 'Preceptor',
    description: 'Another authority on the council tax bill: its Band D or its precept by year, cited.',
  }),
);

const billSchema = lazySchema(() =>
  strictObject({
    label: optionalOf(textSchema).register(docs, {
      description: 'The total as the source labels it, e.g. Council Tax level (Band D).',
    }),
    preceptors: checkedArray(preceptorSchema(), z.minLength(1)).register(docs, {
      description: 'The other preceptors, in the order the bill lists them.',
    }),
  }).register(docs, {
    id: 'CouncilTaxBill',
    description:
      'The council tax bill: the council’s own council tax plus the other preceptors’ (all by Band D, or all by precept). Shown beside council tax; never funding, never in the gap.',
  }),
);

const councilTaxSchema = lazySchema(() =>
  strictObject({
    requirement: optionalOf(streamSchema).register(docs, {
      description:
        'The council tax requirement (the amount to raise) by year, in the scenario units: the yield. With `tax_base:`, Band D = requirement ÷ tax base, rounded by `band_d: {rounding: …}`.',
    }),
    tax_base: optionalOf(taxBaseSchema),
    band_d: optionalOf(bandDSchema),
    collection_fund: optionalOf(streamSchema),
    collection: optionalOf(collectionSchema),
    principles: optionalOf(textSchema).register(docs, {
      description:
        'A referendum principles file (e.g. ../data/council-tax-principles.yaml), relative to this file: each planned increase is checked against its year, with a warning where it is excessive. Needs Band D increases, not a `requirement`.',
    }),
    asc_department: optionalOf(textSchema).register(docs, {
      description: 'The department whose net budget is the adult social care spend the precept must fund: shown beside the precept raised.',
    }),
    bill: optionalOf(billSchema),
  }).register(docs, {
    id: 'CouncilTax',
    description:
      'Either yield = tax base × Band D, exactly, or a council tax requirement; plus any collection fund surplus (deficit negative).',
  }),
);

const sourcedAmount = lazySchema(() => strictObject({ amount: amountSchema(), ...citation() }));

const reserveIdSchema = lazySchema(() =>
  checkedString(
    z.regex(/^[a-z][a-z0-9_-]*$/, 'a reserve id is lower-case letters, digits, `_` and `-`, starting with a letter, e.g. transformation'),
  ).register(docs, {
    description: 'A stable id for CSV, JSON and `explain`, e.g. transformation; `general_fund` names the general fund.',
  }),
);

const movementsSchema = lazySchema(() => strictObject({ amounts: amountsByYearSchema(), ...citation() }));

const earmarkedSchema = lazySchema(() =>
  strictObject({
    id: reserveIdSchema(),
    label: described(textSchema(), { description: 'The reserve’s name, e.g. Transformation reserve.' }),
    opening: described(sourcedAmount(), { description: 'The balance brought forward at the start of the first MTFS year.' }),
    contributions: optionalOf(movementsSchema).register(docs, {
      description: 'Contributions by year, written positive.',
    }),
    uses: optionalOf(movementsSchema).register(docs, {
      description:
        'Planned uses by year, written positive: they draw the reserve to fund spend held outside the net budget requirement, so they do not change the gap.',
    }),
  }).register(docs, {
    id: 'EarmarkedReserve',
    description: 'A reserve set aside for a purpose: opening balance, contributions and uses by year.',
  }),
);

const oneOffSchema = lazySchema(() =>
  strictObject({
    id: reserveIdSchema(),
    label: described(textSchema(), { description: 'What the one-off spend is, e.g. Care system replacement.' }),
    reserve: described(reserveIdSchema(), { description: 'The reserve that funds it: an earmarked reserve’s id, or general_fund.' }),
    amounts: described(amountsByYearSchema(), { description: 'The spend in each year, written positive.' }),
    ...citation(),
  }).register(docs, {
    id: 'OneOffSpend',
    description:
      'One-off spend funded from a named reserve: it is not in the net budget requirement, so it does not add to the gap, but it draws the reserve.',
  }),
);

const riskItemSchema = lazySchema(() =>
  strictObject({ risk: textSchema(), amount: amountSchema() }).register(docs, {
    id: 'RiskItem',
    description: 'One assessed risk and the amount held against it.',
  }),
);

const reservesSchema = lazySchema(() =>
  strictObject({
    opening: optionalOf(sourcedAmount).register(docs, {
      description:
        'The balance brought forward at the start of the first MTFS year. Without it (only movements published) the balance rows show the movement since the start of the first year.',
    }),
    minimum: optionalOf(() =>
      z.union([
        sourcedAmount(),
        strictObject({ percent: rateSchema(), ...citation() }).register(docs, {
          description: 'A minimum balance as a percentage of each year’s net budget (requirement), e.g. {percent: 5%}.',
        }),
        strictObject({ risks: checkedArray(riskItemSchema(), z.minLength(1)), ...citation() }).register(docs, {
          description: 'A risk-assessed minimum balance: the sum of the amounts held against each assessed risk.',
        }),
      ]),
    ).register(docs, {
      description:
        'The minimum balance of the general fund: an amount, a percentage of the net budget, or a risk assessment (`risks:`, summed). Needs `opening`.',
    }),
    planned_use: optionalOf(() => strictObject({ amounts: amountsByYearSchema(), ...citation() })).register(docs, {
      description:
        'Planned use of reserves by year, written positive (a draw of 2,000 is 2,000); counted as funding, so it closes the gap. Shown and controlled positive.',
    }),
    contributions: optionalOf(() => strictObject({ amounts: amountsByYearSchema(), ...citation() })).register(docs, {
      description:
        'Contributions to reserves by year, written positive: they add to the balance but are not funding, so they do not change the gap.',
    }),
    earmarked: optionalOf(() => z.array(earmarkedSchema())).register(docs, {
      description: 'Earmarked reserves, each with its own roll-forward.',
    }),
    one_off: optionalOf(() => z.array(oneOffSchema())).register(docs, {
      description: 'One-off spend funded from a named reserve.',
    }),
  }).register(docs, {
    id: 'Reserves',
    description:
      'The general fund balance (opening, minimum, planned use, contributions), earmarked reserves and one-off spend funded from reserves.',
  }),
);

const citedAmountSchema = lazySchema(() => strictObject({ amount: amountSchema(), ...citation() }));

const retainedBusinessRatesSchema = lazySchema(() =>
  strictObject({
    label: optionalOf(textSchema).register(docs, { description: 'The row label.' }),
    base_year: described(yearSchema(), {
      description: 'The year the baseline, top-up and tariff are given for: the year before the period (e.g. 2017/18).',
    }),
    baseline: described(citedAmountSchema(), {
      description:
        'The business rates baseline of `base_year`: the authority’s share of the rates the settlement expects, in the scenario units.',
    }),
    top_up: optionalOf(citedAmountSchema).register(docs, {
      description: 'The top-up grant of `base_year` (a top-up authority: baseline funding level above its baseline).',
    }),
    tariff: optionalOf(citedAmountSchema).register(docs, {
      description: 'The tariff paid in `base_year` (a tariff authority: baseline above its baseline funding level).',
    }),
    multiplier_change: strictObject({
      rates: z.record(yearSchema(), rateSchema()).register(docs, {
        description: 'The change in the small business rates multiplier in each MTFS year (e.g. CPI or RPI), e.g. 2019/20: 2.1%.',
      }),
      unstated: optionalOf(() => z.enum(['hold'])).register(docs, {
        description: 'hold: a year not stated repeats the year before (an estimate).',
      }),
      ...citation(),
    }).register(docs, {
      description: 'How the baseline, top-up and tariff are uprated: each year’s amount is last year’s × (1 + change).',
    }),
    growth: strictObject(streamFields()).register(docs, {
      description: 'The authority’s share of growth above the uprated baseline, by year (negative: a fall).',
    }),
    levy_rate: optionalOf(() => strictObject({ rate: rateSchema(), ...citation() })).register(docs, {
      description: 'The levy on growth: this share of any growth above nil is paid over, e.g. 50%. Omit where no levy applies.',
    }),
    safety_net: optionalOf(() => strictObject({ percent: rateSchema(), ...citation() })).register(docs, {
      description: 'The safety net: income below this share of the baseline funding level is topped up to it, e.g. 92.5%.',
    }),
    section_31: optionalOf(streamSchema).register(docs, {
      description: 'Section 31 grants compensating for business rates reliefs set nationally, by year: a funding stream of their own.',
    }),
  }).register(docs, {
    id: 'RetainedBusinessRates',
    description:
      'Retained business rates worked out from the settlement: baseline × uprating + top-up − tariff + growth − levy, plus a safety net payment if it bites.',
  }),
);

const fundingSchema = lazySchema(() =>
  strictObject({
    source: optionalOf(sourceSchema),
    council_tax: optionalOf(councilTaxSchema),
    business_rates: optionalOf(streamSchema),
    revenue_support_grant: optionalOf(streamSchema).register(docs, {
      description:
        'Revenue support grant by year: a withdrawal is falling amounts (`unstated: linear` between stated years); a negative amount (negative RSG) is paid back out of business rates.',
    }),
    retained_business_rates: optionalOf(retainedBusinessRatesSchema),
    grants: optionalOf(() => z.array(grantSchema())),
    reserves: optionalOf(reservesSchema),
    before_council_tax: optionalOf(() =>
      strictObject({
        label: described(textSchema(), { description: 'The row label as the source prints it, e.g. Total Funding.' }),
      }),
    ).register(docs, {
      description:
        'Show the funding other than council tax (total funding less the council tax, collection fund included) as a row of its own, as a table that deducts it before council tax does; `funding.before_council_tax` controls it.',
    }),
  }).register(docs, {
    id: 'Funding',
    description: 'The funding side: with it, `mtfs project` adds funding, gap, cumulative gap and reserves rows.',
  }),
);

const departmentSchema = lazySchema(() =>
  strictObject({
    name: textSchema(),
    scenario: optionalOf(textSchema).register(docs, {
      description: 'A department scenario file, relative to this file; its net budget is used.',
    }),
    levels: optionalOf(amountsByYearSchema).register(docs, {
      description: 'Or: the net budget in each stated year, in the scenario units.',
    }),
    unstated: optionalOf(() => z.enum(['hold', 'linear'])),
    provenance: optionalOf(provenanceSchema),
    source: optionalOf(sourceSchema),
    note: optionalOf(textSchema),
    calibrated_to: optionalOf(calibratedToSchema),
  }).register(docs, {
    id: 'Department',
    description: 'A department of a whole-council scenario: `scenario:` or `levels:` with provenance and source.',
  }),
);

const apportionmentSchema = lazySchema(() =>
  strictObject({
    asc_net_spend: optionalOf(() => strictObject({ amount: amountSchema(), when: textSchema(), ...citation() })).register(docs, {
      description: 'The authority’s net spend on adult social care, in the scenario units.',
    }),
    population: optionalOf(() => strictObject({ count: amountSchema(), when: textSchema(), ...citation() })).register(docs, {
      description: 'The authority’s resident population.',
    }),
  }).register(docs, { id: 'Apportionment', description: 'The authority’s own figures for `mtfs options --basis`.' }),
);

/** Top-level scenario keys added by the funding feature (spread into the scenario's keys). */
export const fundingHeaderFields = {
  departments: optional(() => z.array(departmentSchema()), {
    description: 'A whole-council scenario: its departments, instead of original_budget and lines.',
  }),
  funding: optional(fundingSchema),
  apportionment: optional(apportionmentSchema),
};

export type WrittenStream = z.infer<ReturnType<typeof streamSchema>>;
export type WrittenGrant = z.infer<ReturnType<typeof grantSchema>>;
export type WrittenRetainedBusinessRates = z.infer<ReturnType<typeof retainedBusinessRatesSchema>>;
export type WrittenFunding = z.infer<ReturnType<typeof fundingSchema>>;
export type WrittenDepartment = z.infer<ReturnType<typeof departmentSchema>>;
export type WrittenApportionment = z.infer<ReturnType<typeof apportionmentSchema>>;
