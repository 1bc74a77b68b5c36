import { LOCALES, type StatTable, type StatTableCell } from '@ctip/domain';
import ExcelJS from 'exceljs';

/**
 * A StatTable as a download, exactly as shown: header rows of option codes, the cells with
 * markers for what is not a number, then the disclosure note and the sources cited. Withheld cells
 * (primary and secondary) share one marker, so the file does not tell which cells were the small
 * ones. Labels in the seven interface languages.
 */
type Labels = {
  total: string;
  withheld: (threshold: number) => string;
  missing: string;
  atSource: string;
  lowerBound: string;
  internal: string;
  sources: string;
  axes: Record<string, string>;
};

const AXES_EN = {
  sex: 'Sex',
  age_group: 'Age group',
  nationality: 'Nationality',
  exploitation: 'Form of exploitation',
  country_from: 'Country from',
  country_to: 'Country to',
  channel: 'Channel',
  victim_category: 'Victim category',
  agency_type: 'Agency type',
  trainee_type: 'Trainee type',
  country: 'Country',
  period: 'Period',
};

const LABELS: Record<string, Labels> = {
  en: {
    total: 'Total',
    withheld: (t) =>
      `x = withheld by disclosure control (counts below ${t}, and cells that would reveal them)`,
    missing: '.. = not available',
    atSource: '(s) = withheld by the source',
    lowerBound: '≥ = at least: some parts are withheld',
    internal: 'INTERNAL FIGURES: not disclosure-controlled, not for publication',
    sources: 'Sources',
    axes: AXES_EN,
  },
  km: {
    total: 'សរុប',
    withheld: (t) => `x = មិនបង្ហាញដើម្បីការពារការសម្ងាត់ (ចំនួនតិចជាង ${t} និងក្រឡាដែលអាចបង្ហាញវា)`,
    missing: '.. = មិនមានទិន្នន័យ',
    atSource: '(s) = ប្រភពមិនបានផ្សព្វផ្សាយ',
    lowerBound: '≥ = យ៉ាងហោចណាស់៖ ផ្នែកខ្លះមិនបង្ហាញ',
    internal: 'តួលេខផ្ទៃក្នុង៖ មិនបានត្រួតពិនិត្យការសម្ងាត់ មិនសម្រាប់ផ្សព្វផ្សាយ',
    sources: 'ប្រភព',
    axes: {
      ...AXES_EN,
      sex: 'ភេទ',
      age_group: 'ក្រុមអាយុ',
      nationality: 'សញ្ជាតិ',
      exploitation: 'ទម្រង់នៃការកេងប្រវ័ញ្ច',
      country_from: 'ពីប្រទេស',
      country_to: 'ទៅប្រទេស',
      country: 'ប្រទេស',
      period: 'រយៈពេល',
    },
  },
  zh: {
    total: '合计',
    withheld: (t) => `x = 因披露控制而隐去(少于 ${t} 的计数,以及可能推算出它们的单元格)`,
    missing: '.. = 无数据',
    atSource: '(s) = 来源未公布',
    lowerBound: '≥ = 至少:部分数据已隐去',
    internal: '内部数据:未经披露控制,不得公开',
    sources: '来源',
    axes: {
      ...AXES_EN,
      sex: '性别',
      age_group: '年龄组',
      nationality: '国籍',
      exploitation: '剥削形式',
      country_from: '来源国',
      country_to: '目的国',
      channel: '渠道',
      victim_category: '受害者类别',
      agency_type: '机构类型',
      trainee_type: '受训者类型',
      country: '国家',
      period: '期间',
    },
  },
  lo: {
    total: 'ລວມ',
    withheld: (t) => `x = ບໍ່ສະແດງເພື່ອປົກປ້ອງຄວາມລັບ (ຈຳນວນໜ້ອຍກວ່າ ${t} ແລະ ຫ້ອງທີ່ອາດເປີດເຜີຍມັນ)`,
    missing: '.. = ບໍ່ມີຂໍ້ມູນ',
    atSource: '(s) = ແຫຼ່ງຂໍ້ມູນບໍ່ໄດ້ເຜີຍແຜ່',
    lowerBound: '≥ = ຢ່າງໜ້ອຍ: ບາງສ່ວນບໍ່ສະແດງ',
    internal: 'ຕົວເລກພາຍໃນ: ບໍ່ໄດ້ຄວບຄຸມການເປີດເຜີຍ, ບໍ່ແມ່ນສຳລັບເຜີຍແຜ່',
    sources: 'ແຫຼ່ງຂໍ້ມູນ',
    axes: {
      ...AXES_EN,
      sex: 'ເພດ',
      age_group: 'ກຸ່ມອາຍຸ',
      nationality: 'ສັນຊາດ',
      exploitation: 'ຮູບແບບການຂູດຮີດ',
      country_from: 'ຈາກປະເທດ',
      country_to: 'ໄປປະເທດ',
      country: 'ປະເທດ',
      period: 'ໄລຍະເວລາ',
    },
  },
  my: {
    total: 'စုစုပေါင်း',
    withheld: (t) =>
      `x = လျှို့ဝှက်ချက်ထိန်းချုပ်မှုကြောင့် မဖော်ပြ (${t} အောက် အရေအတွက်များနှင့် ၎င်းတို့ကို ဖော်ထုတ်နိုင်သော အကွက်များ)`,
    missing: '.. = အချက်အလက်မရှိ',
    atSource: '(s) = ရင်းမြစ်က မထုတ်ပြန်',
    lowerBound: '≥ = အနည်းဆုံး - အစိတ်အပိုင်းအချို့ မဖော်ပြ',
    internal: 'အတွင်းပိုင်းကိန်းဂဏန်းများ - ထုတ်ပြန်ရန်မဟုတ်',
    sources: 'ရင်းမြစ်များ',
    axes: {
      ...AXES_EN,
      sex: 'ကျား/မ',
      age_group: 'အသက်အုပ်စု',
      nationality: 'နိုင်ငံသား',
      exploitation: 'ခေါင်းပုံဖြတ်မှုပုံစံ',
      country_from: 'မှ နိုင်ငံ',
      country_to: 'သို့ နိုင်ငံ',
      country: 'နိုင်ငံ',
      period: 'ကာလ',
    },
  },
  th: {
    total: 'รวม',
    withheld: (t) => `x = ปกปิดเพื่อคุ้มครองความลับ (จำนวนน้อยกว่า ${t} และช่องที่อาจเปิดเผยค่าดังกล่าว)`,
    missing: '.. = ไม่มีข้อมูล',
    atSource: '(s) = แหล่งข้อมูลไม่เปิดเผย',
    lowerBound: '≥ = อย่างน้อย: บางส่วนถูกปกปิด',
    internal: 'ตัวเลขภายใน: ไม่ผ่านการควบคุมการเปิดเผย ห้ามเผยแพร่',
    sources: 'แหล่งที่มา',
    axes: {
      ...AXES_EN,
      sex: 'เพศ',
      age_group: 'กลุ่มอายุ',
      nationality: 'สัญชาติ',
      exploitation: 'รูปแบบการแสวงประโยชน์',
      country_from: 'จากประเทศ',
      country_to: 'ไปยังประเทศ',
      channel: 'ช่องทาง',
      victim_category: 'ประเภทผู้เสียหาย',
      agency_type: 'ประเภทหน่วยงาน',
      trainee_type: 'ประเภทผู้เข้าอบรม',
      country: 'ประเทศ',
      period: 'ช่วงเวลา',
    },
  },
  vi: {
    total: 'Tổng',
    withheld: (t) =>
      `x = không công bố do kiểm soát tiết lộ (số dưới ${t} và các ô có thể làm lộ chúng)`,
    missing: '.. = không có số liệu',
    atSource: '(s) = nguồn không công bố',
    lowerBound: '≥ = ít nhất: một số phần không được công bố',
    internal: 'SỐ LIỆU NỘI BỘ: chưa kiểm soát tiết lộ, không được công bố',
    sources: 'Nguồn',
    axes: {
      ...AXES_EN,
      sex: 'Giới tính',
      age_group: 'Nhóm tuổi',
      nationality: 'Quốc tịch',
      exploitation: 'Hình thức bóc lột',
      country_from: 'Từ nước',
      country_to: 'Đến nước',
      channel: 'Kênh',
      victim_category: 'Loại nạn nhân',
      agency_type: 'Loại cơ quan',
      trainee_type: 'Loại học viên',
      country: 'Quốc gia',
      period: 'Kỳ',
    },
  },
};

function labelsFor(lang: string | undefined): Labels {
  const l = lang && (LOCALES as readonly string[]).includes(lang) ? lang : 'en';
  return LABELS[l] ?? (LABELS.en as Labels);
}

/** The text of one cell in a download. */
export function cellText(cell: StatTableCell): string | number {
  switch (cell.status) {
    case 'Suppressed':
    case 'SecondarySuppressed':
      return 'x';
    case 'SuppressedAtSource':
      return '(s)';
    case 'Missing':
      return '..';
    case 'Reported':
      if (cell.value === null) {
        return '..';
      }
      return cell.isLowerBound ? `≥${cell.value}` : cell.value;
  }
}

/** The table as rows of text/number cells, notes and sources below. */
export function tableRows(table: StatTable, lang?: string): (string | number)[][] {
  const L = labelsFor(lang);
  const out: (string | number)[][] = [];
  const rowAxes = table.rowAxes.map((a) => L.axes[a] ?? a);
  const head = (h: readonly string[]) => h.map((o) => (o === '' ? L.total : o));
  const nCols = Math.max(1, table.columnAxes.length);
  const leadWidth = Math.max(1, rowAxes.length);
  for (let level = 0; level < nCols; level += 1) {
    const axis = table.columnAxes[level];
    const lead: string[] = Array.from({ length: leadWidth }, () => '');
    if (level === nCols - 1) {
      rowAxes.forEach((a, i) => {
        lead[i] = a;
      });
    }
    if (axis) {
      const name = L.axes[axis] ?? axis;
      const last = lead[leadWidth - 1] as string;
      lead[leadWidth - 1] = last === '' ? name : `${last} \\ ${name}`;
    }
    out.push([
      ...lead,
      ...table.columnHeaders.map((h) => (h.length === 0 ? L.total : (head(h)[level] as string))),
    ]);
  }
  table.cells.forEach((line, i) => {
    const h = table.rowHeaders[i] ?? [];
    const lead = h.length === 0 ? [L.total] : head(h);
    out.push([...lead, ...line.map(cellText)]);
  });
  out.push([]);
  if (table.disclosure.internal) {
    out.push([L.internal]);
  } else {
    out.push([L.withheld(table.disclosure.threshold)]);
  }
  out.push([L.missing], [L.atSource], [L.lowerBound]);
  if (table.sources.length > 0) {
    out.push([], [`${L.sources}:`]);
    for (const s of table.sources) {
      out.push([[s.title, s.citation].filter((x) => x !== '').join(': ')]);
    }
  }
  return out;
}

function csvCell(value: string | number): string {
  if (typeof value === 'number') {
    return String(value);
  }
  let text = value;
  // Text starting with = + - @ is prefixed so spreadsheets do not run it.
  if (/^[=+\-@]/.test(text)) {
    text = `'${text}`;
  }
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The table as CSV (UTF-8 with BOM, so spreadsheets read the scripts right). */
export function statTableCsv(table: StatTable, lang?: string): Buffer {
  const lines = tableRows(table, lang).map((r) => r.map(csvCell).join(','));
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}

/** The table as XLSX: one sheet, header rows bold, numbers as numbers. */
export async function statTableXlsx(table: StatTable, lang?: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(table.query.dataElement ?? table.query.indicator ?? 'table');
  const rows = tableRows(table, lang);
  const headerRows = Math.max(1, table.columnAxes.length);
  rows.forEach((r, i) => {
    const row = sheet.addRow(
      r.map((v) => (typeof v === 'string' && /^[=+\-@]/.test(v) ? `'${v}` : v)),
    );
    if (i < headerRows) {
      row.font = { bold: true };
    }
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** A file name for the download: element or indicator, source, and the format. */
export function statTableFileName(table: StatTable, format: 'csv' | 'xlsx'): string {
  const what = (table.query.dataElement ?? table.query.indicator ?? 'table').replace(
    /[^A-Z0-9_]/gi,
    '',
  );
  return `${what}-${table.query.source}.${format}`;
}
