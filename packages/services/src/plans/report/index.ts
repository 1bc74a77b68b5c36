// Plans, report area: the annual monitoring report / final evaluation (see docs/ARCHITECTURE.md).
export { collectReportData, REPORT_STAT_ELEMENTS, type ReportData } from './collect';
export { buildReportHtml, type ReportMeta } from './html';
export { renderPagedPdf } from './pdf';
export {
  canOnReport,
  createReport,
  downloadReportOutput,
  executeReportRun,
  finaliseReport,
  getReport,
  getReportRun,
  listReportRuns,
  listReports,
  REPORT_OUTPUTS,
  type ReportOutput,
  reopenReport,
  reportOptions,
  startReportRun,
  updateReport,
} from './reports';
export { buildReportXlsx } from './xlsx';
