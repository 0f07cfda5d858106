import Ajv from 'ajv';
import schema from '../../src/core/report/reportSchema.json';

const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

/** What breaks the shipped JSON Schema of report@1 in `report`, or null when it is valid. */
export function schemaErrors(report: unknown): string | null {
	return validate(report) ? null : JSON.stringify(validate.errors, null, 1);
}
