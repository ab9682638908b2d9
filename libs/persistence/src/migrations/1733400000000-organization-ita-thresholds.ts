/**
 * The organization's ITA analysis bands (settings.itaThresholds of its plan file), kept on the
 * organization like its other settings, so every plan of it is analysed by the values in force.
 * Organizations imported before keep theirs from their latest plan's settings, where they were stored.
 */
import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { schemaHelpers } from './schema-helpers';

export class OrganizationItaThresholds1733400000000 implements MigrationInterface {
  name = 'OrganizationItaThresholds1733400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const { text } = schemaHelpers(queryRunner);
    await queryRunner.addColumn('organization', new TableColumn(text('ita_thresholds', true)));
    const rows: Array<{ organization_id: number; organization_settings: string | null }> = await queryRunner.query(
      'SELECT organization_id, organization_settings FROM plan WHERE organization_settings IS NOT NULL ORDER BY fiscal_year',
    );
    const latest = new Map<number, unknown>();
    for (const row of rows) {
      const thresholds = (JSON.parse(row.organization_settings ?? 'null') as { itaThresholds?: unknown } | null)
        ?.itaThresholds;
      if (thresholds) latest.set(row.organization_id, thresholds);
    }
    for (const [id, thresholds] of latest)
      await queryRunner.query('UPDATE organization SET ita_thresholds = ? WHERE id = ?', [
        JSON.stringify(thresholds),
        id,
      ]);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('organization', 'ita_thresholds');
  }
}
