"""The database: which server (config, embedded), engines, migrations, the schema (models), the
reference data, the public views and the SQL that re-maps observations by user aliases."""
