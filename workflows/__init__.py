"""What people do with the data, as one call each: keep and import strategy versions, record
the monthly review, close and re-open a period, and who may do which (workflows/README.md).

Between metrics/warehouse and the faces: workflows import metrics and warehouse; the
dashboard, the CLI and reports call workflows and never open a transaction themselves.
"""
