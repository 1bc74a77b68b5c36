// Headings of the printed report in English and each national language (the report prints
// English beside one chosen national language).

export type ReportLabel =
  | 'contents'
  | 'introduction'
  | 'spaIntro'
  | 'countrySummary'
  | 'statistics'
  | 'budgets'
  | 'trainings'
  | 'progressMatrix'
  | 'indicators'
  | 'caseStudies'
  | 'conclusion'
  | 'area'
  | 'Completed'
  | 'InProgress'
  | 'NotStarted'
  | 'NotApplicable'
  | 'draft';

export const REPORT_LABELS: Record<string, Record<ReportLabel, string>> = {
  en: {
    contents: 'Contents',
    introduction: 'Introduction',
    spaIntro: 'Introduction to the Sub-Regional Plan of Action',
    countrySummary: 'Progress by country',
    statistics: 'Statistics',
    budgets: 'Budget allocations',
    trainings: 'Trainings',
    progressMatrix: 'Progress matrix',
    indicators: 'Indicators',
    caseStudies: 'Case studies',
    conclusion: 'Conclusion',
    area: 'Area',
    Completed: 'Completed',
    InProgress: 'In progress',
    NotStarted: 'Not started',
    NotApplicable: 'Not applicable',
    draft: 'Draft',
  },
  km: {
    contents: 'មាតិកា',
    introduction: 'សេចក្តីផ្តើម',
    spaIntro: 'សេចក្តីផ្តើមអំពីផែនការសកម្មភាពអនុតំបន់',
    countrySummary: 'វឌ្ឍនភាពតាមប្រទេស',
    statistics: 'ស្ថិតិ',
    budgets: 'ការបែងចែកថវិកា',
    trainings: 'វគ្គបណ្តុះបណ្តាល',
    progressMatrix: 'តារាងវឌ្ឍនភាព',
    indicators: 'សូចនាករ',
    caseStudies: 'ករណីសិក្សា',
    conclusion: 'សេចក្តីសន្និដ្ឋាន',
    area: 'វិស័យ',
    Completed: 'បានបញ្ចប់',
    InProgress: 'កំពុងអនុវត្ត',
    NotStarted: 'មិនទាន់ចាប់ផ្តើម',
    NotApplicable: 'មិនពាក់ព័ន្ធ',
    draft: 'សេចក្តីព្រាង',
  },
  zh: {
    contents: '目录',
    introduction: '引言',
    spaIntro: '次区域行动计划简介',
    countrySummary: '各国进展',
    statistics: '统计数据',
    budgets: '预算拨款',
    trainings: '培训',
    progressMatrix: '进展矩阵',
    indicators: '指标',
    caseStudies: '案例研究',
    conclusion: '结论',
    area: '领域',
    Completed: '已完成',
    InProgress: '进行中',
    NotStarted: '未开始',
    NotApplicable: '不适用',
    draft: '草稿',
  },
  lo: {
    contents: 'ສາລະບານ',
    introduction: 'ບົດນຳ',
    spaIntro: 'ບົດນຳກ່ຽວກັບແຜນປະຕິບັດງານອະນຸພາກພື້ນ',
    countrySummary: 'ຄວາມຄືບໜ້າຕາມປະເທດ',
    statistics: 'ສະຖິຕິ',
    budgets: 'ການຈັດສັນງົບປະມານ',
    trainings: 'ການຝຶກອົບຮົມ',
    progressMatrix: 'ຕາຕະລາງຄວາມຄືບໜ້າ',
    indicators: 'ຕົວຊີ້ວັດ',
    caseStudies: 'ກໍລະນີສຶກສາ',
    conclusion: 'ບົດສະຫຼຸບ',
    area: 'ຂົງເຂດ',
    Completed: 'ສຳເລັດແລ້ວ',
    InProgress: 'ກຳລັງດຳເນີນ',
    NotStarted: 'ຍັງບໍ່ທັນເລີ່ມ',
    NotApplicable: 'ບໍ່ກ່ຽວຂ້ອງ',
    draft: 'ຮ່າງ',
  },
  my: {
    contents: 'မာတိကာ',
    introduction: 'နိဒါန်း',
    spaIntro: 'ဒေသခွဲလုပ်ငန်းစီမံချက် မိတ်ဆက်',
    countrySummary: 'နိုင်ငံအလိုက် တိုးတက်မှု',
    statistics: 'စာရင်းအင်းများ',
    budgets: 'ဘတ်ဂျက်ခွဲဝေမှု',
    trainings: 'သင်တန်းများ',
    progressMatrix: 'တိုးတက်မှုဇယား',
    indicators: 'ညွှန်ကိန်းများ',
    caseStudies: 'ဖြစ်ရပ်လေ့လာမှုများ',
    conclusion: 'နိဂုံး',
    area: 'နယ်ပယ်',
    Completed: 'ပြီးစီး',
    InProgress: 'ဆောင်ရွက်ဆဲ',
    NotStarted: 'မစတင်ရသေး',
    NotApplicable: 'မသက်ဆိုင်',
    draft: 'မူကြမ်း',
  },
  th: {
    contents: 'สารบัญ',
    introduction: 'บทนำ',
    spaIntro: 'บทนำแผนปฏิบัติการระดับอนุภูมิภาค',
    countrySummary: 'ความก้าวหน้ารายประเทศ',
    statistics: 'สถิติ',
    budgets: 'การจัดสรรงบประมาณ',
    trainings: 'การฝึกอบรม',
    progressMatrix: 'ตารางความก้าวหน้า',
    indicators: 'ตัวชี้วัด',
    caseStudies: 'กรณีศึกษา',
    conclusion: 'บทสรุป',
    area: 'ด้าน',
    Completed: 'เสร็จสิ้น',
    InProgress: 'กำลังดำเนินการ',
    NotStarted: 'ยังไม่เริ่ม',
    NotApplicable: 'ไม่เกี่ยวข้อง',
    draft: 'ฉบับร่าง',
  },
  vi: {
    contents: 'Mục lục',
    introduction: 'Giới thiệu',
    spaIntro: 'Giới thiệu Kế hoạch Hành động Tiểu vùng',
    countrySummary: 'Tiến độ theo quốc gia',
    statistics: 'Số liệu thống kê',
    budgets: 'Phân bổ ngân sách',
    trainings: 'Tập huấn',
    progressMatrix: 'Ma trận tiến độ',
    indicators: 'Chỉ số',
    caseStudies: 'Nghiên cứu điển hình',
    conclusion: 'Kết luận',
    area: 'Lĩnh vực',
    Completed: 'Hoàn thành',
    InProgress: 'Đang thực hiện',
    NotStarted: 'Chưa bắt đầu',
    NotApplicable: 'Không áp dụng',
    draft: 'Dự thảo',
  },
};
