import { z } from 'zod';
import { CountryCodeSchema, IdSchema, text } from '../common/common.schema';
import { LOCALES, type Locale } from '../reference/locales';
import { IsoDateSchema } from './case.schema';

/** Title on the form (S004 field 3). */
export const RIGHTS_TITLES = ['Mr', 'Ms', 'Miss'] as const;
/** Who repatriated the person (S004 field 10). */
export const REPATRIATED_BY = ['RoyalThaiEmbassy', 'IOM', 'Self', 'Agency'] as const;
/** Voluntary or involuntary return (S004 field 11). */
export const RETURN_TYPES = ['Voluntary', 'Involuntary'] as const;

/**
 * Recording a rights notification (Thailand "Form for Rights' Notification of Trafficked Person",
 * S004). Contact, witness and interpreter names are personal data: encrypted at rest.
 */
export const RightsNotificationInputSchema = z
  .strictObject({
    /** Where the person was informed (field 1). */
    place: text(200),
    /** When (field 2). */
    notifiedOn: IsoDateSchema,
    /** The person's language: the form is printed in it. */
    language: z.enum(LOCALES),
    title: z.enum(RIGHTS_TITLES).optional(),
    /** Country the person is returning from (field 8). */
    returningFrom: CountryCodeSchema.optional(),
    /** Agency that identified the person (field 9), as free text: it may be foreign. */
    identifiedByAgency: text(200).optional(),
    /** Country of that agency (field 9). */
    identifiedIn: CountryCodeSchema.optional(),
    repatriatedBy: z.enum(REPATRIATED_BY).optional(),
    /** The agency, when `repatriatedBy` is Agency. */
    repatriatedByOther: text(200).optional(),
    returnType: z.enum(RETURN_TYPES).optional(),
    /** The person acknowledges and understands the rights (field 12). */
    acknowledged: z.boolean(),
    /** Opt-in (true: shelter) or opt-out (false: reason and contact) of protection (13–15). */
    wishesProtection: z.boolean(),
    /** The shelter, when the person wishes protection. */
    shelterName: text(200).optional(),
    /** Why the person declines protection. */
    declineReason: text(500).optional(),
    /** Where to contact a person who declines (encrypted). */
    contact: text(500).optional(),
    /** The official (defaults to the recorder). */
    officialUserId: IdSchema.optional(),
    /** Witness name (encrypted). */
    witnessName: text(200).optional(),
    /** Interpreter name (encrypted). */
    interpreterName: text(200).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.wishesProtection && !v.shelterName) {
      ctx.addIssue({ code: 'custom', path: ['shelterName'], message: 'is required' });
    }
    if (!v.wishesProtection && !v.declineReason) {
      ctx.addIssue({ code: 'custom', path: ['declineReason'], message: 'is required' });
    }
    if (v.repatriatedBy === 'Agency' && !v.repatriatedByOther) {
      ctx.addIssue({ code: 'custom', path: ['repatriatedByOther'], message: 'is required' });
    }
  });
export type RightsNotificationInput = z.input<typeof RightsNotificationInputSchema>;

/** A recorded rights notification as the API shows it to readers of the case. */
export type RightsNotification = {
  id: string;
  caseId: string;
  place: string;
  notifiedOn: string;
  language: Locale;
  title: (typeof RIGHTS_TITLES)[number] | null;
  returningFrom: string | null;
  identifiedByAgency: string | null;
  identifiedIn: string | null;
  repatriatedBy: (typeof REPATRIATED_BY)[number] | null;
  repatriatedByOther: string | null;
  returnType: (typeof RETURN_TYPES)[number] | null;
  acknowledged: boolean;
  wishesProtection: boolean;
  shelterName: string | null;
  declineReason: string | null;
  contact: string | null;
  officialUserId: string;
  officialName: string | null;
  witnessName: string | null;
  interpreterName: string | null;
  createdAt: string;
};

/** The form text in `language`, English when the language has none. */
export function rightsFormText(language: string) {
  return RIGHTS_FORM_TEXT[
    (LOCALES as readonly string[]).includes(language) ? (language as Locale) : 'en'
  ];
}

/** The BCP 47 tag for the `lang` attribute of the printed form (script-specific for Chinese). */
export function rightsFormLangTag(language: Locale): string {
  return language === 'zh' ? 'zh-Hans' : language;
}

/** The printed form's text in one language (S004 "Notification of Rights for VOT"). */
export type RightsFormText = {
  formTitle: string;
  at: string;
  date: string;
  titleLabel: string;
  titles: Record<(typeof RIGHTS_TITLES)[number], string>;
  name: string;
  age: string;
  years: string;
  nationality: string;
  idDocument: string;
  returningFrom: string;
  identifiedBy: string;
  country: string;
  repatriatedBy: string;
  repatriatedByOptions: Record<(typeof REPATRIATED_BY)[number], string>;
  returnType: string;
  returnTypes: Record<(typeof RETURN_TYPES)[number], string>;
  rightsIntro: string;
  /** The rights listed on the form, in order (W2). */
  rights: readonly string[];
  acknowledgement: string;
  declineProtection: string;
  contactMe: string;
  declineRemark: string;
  wishProtection: string;
  abideRules: string;
  entitlementsProtected: string;
  entitlementsNotProtected: string;
  signatures: {
    assistedPerson: string;
    witness: string;
    official: string;
    witnessInterpreter: string;
  };
  footer: string;
  print: string;
};

/**
 * The form in the seven languages. The footer contacts are those of the Thai form (DATIP and the
 * 1300 hotline); the Anti-Trafficking in Persons Act B.E. 2551 (2008) is the Thai act.
 */
export const RIGHTS_FORM_TEXT: Record<Locale, RightsFormText> = {
  en: {
    formTitle: "Form for Rights' Notification of Trafficked Person",
    at: 'At',
    date: 'Date',
    titleLabel: 'Title',
    titles: { Mr: 'Mr.', Ms: 'Ms.', Miss: 'Miss' },
    name: 'Name',
    age: 'Age',
    years: 'years',
    nationality: 'Nationality',
    idDocument: 'Identification card number / identification document',
    returningFrom: 'I am a Thai citizen returning to Thailand from',
    identifiedBy: 'Received victim identification by (agency)',
    country: 'Country',
    repatriatedBy: 'Identified as a trafficked victim, rescued and repatriated back by',
    repatriatedByOptions: {
      RoyalThaiEmbassy: 'Royal Thai Embassy',
      IOM: 'IOM',
      Self: 'Return by myself',
      Agency: 'Agency (specify)',
    },
    returnType: 'This repatriation is',
    returnTypes: { Voluntary: 'voluntary return', Involuntary: 'involuntary return' },
    rightsIntro:
      'I have been informed by officials of the Ministry of Social Development and Human Security of my rights under the Anti-Trafficking in Persons Act B.E. 2551 (2008):',
    rights: [
      'The right to assistance: food, accommodation, medical care, physical and psychological rehabilitation, education, training, legal assistance and a safe return home.',
      'The right to stay in the country temporarily and, where possible, to work temporarily.',
      'The right to safety and protection, including protection as a witness under the Witness Protection Act.',
      'The right to claim compensation and restitution from the offenders, free of charge.',
      'Not to be prosecuted for illegal entry, false reports, use of fraudulent documents, prostitution offences or working without a permit. However, judicial officials are able to prosecute when permitted in writing by the Minister of Justice.',
      'The right to financial assistance from the Anti-Trafficking in Persons Fund.',
    ],
    acknowledgement: 'I acknowledge and understand my rights as a trafficked person.',
    declineProtection: 'I do not wish to receive protection support due to',
    contactMe: 'You can contact me at',
    declineRemark:
      'Trafficked persons might be invited later to provide more information. Travel expenses will be borne by the inviting agency.',
    wishProtection: 'I wish to voluntarily receive protection support at',
    abideRules: 'and I am willing to abide by all the rules set forth by the protection shelter.',
    entitlementsProtected:
      'If you wish to receive protection: shelter, income from work, the Anti-Trafficking in Persons Fund, accrued wages, compensation as a witness and restitution.',
    entitlementsNotProtected:
      'If you do not wish to receive protection, you are still entitled to the Fund, accrued wages, compensation as a witness and restitution.',
    signatures: {
      assistedPerson: 'Signature: Assisted person',
      witness: 'Signature: Witness',
      official: 'Signature: Official',
      witnessInterpreter: 'Signature: Witness / Interpreter',
    },
    footer:
      'Division of Anti Trafficking in Persons 0 2202 9074 – 6 · Social Assistance Center 1300 (24 hours)',
    print: 'Print',
  },
  th: {
    formTitle: 'แบบแจ้งสิทธิผู้เสียหายจากการค้ามนุษย์',
    at: 'ที่',
    date: 'วันที่',
    titleLabel: 'คำนำหน้า',
    titles: { Mr: 'นาย', Ms: 'นาง', Miss: 'นางสาว' },
    name: 'ชื่อ-นามสกุล',
    age: 'อายุ',
    years: 'ปี',
    nationality: 'สัญชาติ',
    idDocument: 'เลขบัตรประจำตัวประชาชน / เอกสารแสดงตน',
    returningFrom: 'ข้าพเจ้าเป็นคนไทยเดินทางกลับประเทศไทยจากประเทศ',
    identifiedBy: 'ได้รับการคัดแยกเป็นผู้เสียหายโดยหน่วยงาน',
    country: 'ประเทศ',
    repatriatedBy: 'ได้รับการคัดแยกว่าเป็นผู้เสียหายจากการค้ามนุษย์ ได้รับการช่วยเหลือและส่งกลับโดย',
    repatriatedByOptions: {
      RoyalThaiEmbassy: 'สถานเอกอัครราชทูตไทย',
      IOM: 'องค์การระหว่างประเทศเพื่อการโยกย้ายถิ่นฐาน (IOM)',
      Self: 'เดินทางกลับเอง',
      Agency: 'หน่วยงาน (ระบุ)',
    },
    returnType: 'การส่งกลับครั้งนี้เป็น',
    returnTypes: { Voluntary: 'การกลับโดยสมัครใจ', Involuntary: 'การกลับโดยไม่สมัครใจ' },
    rightsIntro:
      'ข้าพเจ้าได้รับแจ้งสิทธิตามพระราชบัญญัติป้องกันและปราบปรามการค้ามนุษย์ พ.ศ. 2551 จากเจ้าหน้าที่กระทรวงการพัฒนาสังคมและความมั่นคงของมนุษย์ ดังนี้',
    rights: [
      'สิทธิได้รับความช่วยเหลือ ได้แก่ อาหาร ที่พัก การรักษาพยาบาล การบำบัดฟื้นฟูทางร่างกายและจิตใจ การศึกษา การฝึกอบรม ความช่วยเหลือทางกฎหมาย และการส่งกลับภูมิลำเนาอย่างปลอดภัย',
      'สิทธิได้รับอนุญาตให้อยู่ในราชอาณาจักรเป็นการชั่วคราว และอาจได้รับอนุญาตให้ทำงานเป็นการชั่วคราว',
      'สิทธิได้รับความคุ้มครองความปลอดภัย รวมถึงการคุ้มครองพยานตามกฎหมายว่าด้วยการคุ้มครองพยานในคดีอาญา',
      'สิทธิเรียกค่าสินไหมทดแทนจากผู้กระทำความผิดโดยไม่เสียค่าใช้จ่าย',
      'จะไม่ถูกดำเนินคดีในความผิดฐานเข้าเมืองโดยผิดกฎหมาย แจ้งความเท็จ ใช้เอกสารปลอม ความผิดเกี่ยวกับการค้าประเวณี หรือทำงานโดยไม่ได้รับอนุญาต เว้นแต่จะได้รับอนุญาตเป็นหนังสือจากรัฐมนตรีว่าการกระทรวงยุติธรรม',
      'สิทธิได้รับความช่วยเหลือทางการเงินจากกองทุนเพื่อการป้องกันและปราบปรามการค้ามนุษย์',
    ],
    acknowledgement: 'ข้าพเจ้ารับทราบและเข้าใจสิทธิของข้าพเจ้าในฐานะผู้เสียหายจากการค้ามนุษย์',
    declineProtection: 'ข้าพเจ้าไม่ประสงค์จะรับการคุ้มครองช่วยเหลือ เนื่องจาก',
    contactMe: 'สามารถติดต่อข้าพเจ้าได้ที่',
    declineRemark: 'ผู้เสียหายอาจได้รับเชิญให้มาให้ข้อมูลเพิ่มเติมในภายหลัง โดยหน่วยงานที่เชิญจะเป็นผู้รับผิดชอบค่าเดินทาง',
    wishProtection: 'ข้าพเจ้าประสงค์จะรับการคุ้มครองช่วยเหลือโดยสมัครใจที่',
    abideRules: 'และยินดีปฏิบัติตามระเบียบของสถานคุ้มครองทุกประการ',
    entitlementsProtected:
      'หากประสงค์รับการคุ้มครอง: ที่พักในสถานคุ้มครอง รายได้จากการทำงาน กองทุนเพื่อการป้องกันและปราบปรามการค้ามนุษย์ ค่าจ้างค้างจ่าย ค่าตอบแทนในฐานะพยาน และค่าสินไหมทดแทน',
    entitlementsNotProtected:
      'หากไม่ประสงค์รับการคุ้มครอง ยังคงมีสิทธิได้รับเงินจากกองทุนฯ ค่าจ้างค้างจ่าย ค่าตอบแทนในฐานะพยาน และค่าสินไหมทดแทน',
    signatures: {
      assistedPerson: 'ลงชื่อ ผู้รับการช่วยเหลือ',
      witness: 'ลงชื่อ พยาน',
      official: 'ลงชื่อ เจ้าหน้าที่',
      witnessInterpreter: 'ลงชื่อ พยาน / ล่าม',
    },
    footer: 'กองต่อต้านการค้ามนุษย์ โทร 0 2202 9074 – 6 · ศูนย์ช่วยเหลือสังคม สายด่วน 1300 (ตลอด 24 ชั่วโมง)',
    print: 'พิมพ์',
  },
  my: {
    formTitle: 'လူကုန်ကူးခံရသူ၏ အခွင့်အရေးများ အသိပေးခြင်း ပုံစံ',
    at: 'နေရာ',
    date: 'ရက်စွဲ',
    titleLabel: 'အမည်ရှေ့ဆက်',
    titles: { Mr: 'ဦး', Ms: 'ဒေါ်', Miss: 'မ' },
    name: 'အမည်',
    age: 'အသက်',
    years: 'နှစ်',
    nationality: 'နိုင်ငံသား',
    idDocument: 'မှတ်ပုံတင်အမှတ် / သက်သေခံ စာရွက်စာတမ်း',
    returningFrom: 'ကျွန်ုပ်သည် ထိုင်းနိုင်ငံသားဖြစ်ပြီး အောက်ပါနိုင်ငံမှ ထိုင်းနိုင်ငံသို့ ပြန်လာသူ ဖြစ်ပါသည်',
    identifiedBy: 'လူကုန်ကူးခံရသူအဖြစ် ခွဲခြားသတ်မှတ်ခဲ့သော အဖွဲ့အစည်း',
    country: 'နိုင်ငံ',
    repatriatedBy: 'လူကုန်ကူးခံရသူအဖြစ် သတ်မှတ်ခံရ၍ ကယ်ဆယ်ပြီး ပြန်လည်ပို့ဆောင်ပေးသူ',
    repatriatedByOptions: {
      RoyalThaiEmbassy: 'ထိုင်းသံရုံး',
      IOM: 'IOM (နိုင်ငံတကာ ရွှေ့ပြောင်းသွားလာမှုဆိုင်ရာ အဖွဲ့)',
      Self: 'ကိုယ်တိုင် ပြန်လာခြင်း',
      Agency: 'အဖွဲ့အစည်း (ဖော်ပြရန်)',
    },
    returnType: 'ဤပြန်လည်ပို့ဆောင်မှုသည်',
    returnTypes: { Voluntary: 'ဆန္ဒအလျောက် ပြန်လာခြင်း', Involuntary: 'ဆန္ဒမပါဘဲ ပြန်လာခြင်း' },
    rightsIntro:
      'ကျွန်ုပ်အား ၂၀၀၈ ခုနှစ် လူကုန်ကူးမှု တားဆီးကာကွယ်ရေး ဥပဒေအရ ရရှိသော အခွင့်အရေးများကို လူမှုဖွံ့ဖြိုးရေးနှင့် လူသားလုံခြုံရေး ဝန်ကြီးဌာန တာဝန်ရှိသူများက အောက်ပါအတိုင်း အသိပေးခဲ့ပါသည်',
    rights: [
      'အကူအညီ ရယူပိုင်ခွင့် - အစားအစာ၊ နေရာထိုင်ခင်း၊ ဆေးကုသမှု၊ ကိုယ်စိတ် ပြန်လည်ထူထောင်ရေး၊ ပညာရေး၊ သင်တန်း၊ ဥပဒေရေးရာ အကူအညီနှင့် ဘေးကင်းစွာ ပြန်လည်ပို့ဆောင်ခြင်း',
      'နိုင်ငံအတွင်း ယာယီ နေထိုင်ခွင့်နှင့် ဖြစ်နိုင်ပါက ယာယီ အလုပ်လုပ်ခွင့်',
      'သက်သေ ကာကွယ်ရေး ဥပဒေအရ ကာကွယ်မှု အပါအဝင် ဘေးကင်းလုံခြုံမှုနှင့် ကာကွယ်စောင့်ရှောက်မှု ရယူပိုင်ခွင့်',
      'ကျူးလွန်သူများထံမှ လျော်ကြေးနှင့် နစ်နာကြေးကို အခမဲ့ တောင်းဆိုပိုင်ခွင့်',
      'တရားမဝင် ဝင်ရောက်ခြင်း၊ မမှန်သော သတင်းပေးခြင်း၊ အတု စာရွက်စာတမ်း အသုံးပြုခြင်း၊ ပြည့်တန်ဆာ ပြစ်မှုများ သို့မဟုတ် ခွင့်ပြုချက်မရှိဘဲ အလုပ်လုပ်ခြင်းအတွက် တရားစွဲဆိုခံရမည် မဟုတ်ပါ။ သို့ရာတွင် တရားရေး ဝန်ကြီး၏ စာဖြင့် ခွင့်ပြုချက် ရှိပါက တရားစွဲဆိုနိုင်ပါသည်။',
      'လူကုန်ကူးမှု တားဆီးကာကွယ်ရေး ရန်ပုံငွေမှ ငွေကြေး အကူအညီ ရယူပိုင်ခွင့်',
    ],
    acknowledgement: 'လူကုန်ကူးခံရသူ တစ်ဦးအနေဖြင့် ကျွန်ုပ်၏ အခွင့်အရေးများကို သိရှိနားလည်ပါသည်။',
    declineProtection: 'ကျွန်ုပ်သည် ကာကွယ်စောင့်ရှောက်မှု အကူအညီကို မလိုလားပါ။ အကြောင်းရင်းမှာ',
    contactMe: 'ကျွန်ုပ်ကို ဆက်သွယ်နိုင်သည့် နေရာ',
    declineRemark:
      'လူကုန်ကူးခံရသူများကို နောက်ပိုင်းတွင် အချက်အလက် ထပ်မံပေးရန် ဖိတ်ခေါ်နိုင်ပါသည်။ ခရီးစရိတ်ကို ဖိတ်ခေါ်သည့် အဖွဲ့အစည်းက ကျခံပါမည်။',
    wishProtection: 'ကျွန်ုပ်သည် အောက်ပါနေရာတွင် ကာကွယ်စောင့်ရှောက်မှု အကူအညီကို ဆန္ဒအလျောက် ရယူလိုပါသည်',
    abideRules: 'ကာကွယ်စောင့်ရှောက်ရေး ဂေဟာ၏ စည်းကမ်းများ အားလုံးကို လိုက်နာရန် သဘောတူပါသည်။',
    entitlementsProtected:
      'ကာကွယ်စောင့်ရှောက်မှု ရယူလိုပါက - ဂေဟာ၊ အလုပ်မှ ဝင်ငွေ၊ ရန်ပုံငွေ၊ ရရန်ကျန်ရှိသော လုပ်ခ၊ သက်သေအဖြစ် လျော်ကြေးနှင့် နစ်နာကြေး',
    entitlementsNotProtected:
      'ကာကွယ်စောင့်ရှောက်မှု မလိုလားပါကလည်း ရန်ပုံငွေ၊ ရရန်ကျန်ရှိသော လုပ်ခ၊ သက်သေအဖြစ် လျော်ကြေးနှင့် နစ်နာကြေး ရပိုင်ခွင့် ရှိပါသည်',
    signatures: {
      assistedPerson: 'လက်မှတ် - အကူအညီ ရယူသူ',
      witness: 'လက်မှတ် - သက်သေ',
      official: 'လက်မှတ် - တာဝန်ရှိသူ',
      witnessInterpreter: 'လက်မှတ် - သက်သေ / စကားပြန်',
    },
    footer: 'လူကုန်ကူးမှု တိုက်ဖျက်ရေး ဌာနခွဲ ဖုန်း 0 2202 9074 – 6 · လူမှုအကူအညီ စင်တာ 1300 (၂၄ နာရီ)',
    print: 'ပုံနှိပ်ရန်',
  },
  km: {
    formTitle: 'ទម្រង់ជូនដំណឹងអំពីសិទ្ធិរបស់ជនរងគ្រោះដោយការជួញដូរមនុស្ស',
    at: 'នៅ',
    date: 'ថ្ងៃ ខែ ឆ្នាំ',
    titleLabel: 'គោរមងារ',
    titles: { Mr: 'លោក', Ms: 'លោកស្រី', Miss: 'កញ្ញា' },
    name: 'ឈ្មោះ',
    age: 'អាយុ',
    years: 'ឆ្នាំ',
    nationality: 'សញ្ជាតិ',
    idDocument: 'លេខអត្តសញ្ញាណប័ណ្ណ / ឯកសារអត្តសញ្ញាណ',
    returningFrom: 'ខ្ញុំជាពលរដ្ឋថៃ ដែលវិលត្រឡប់មកប្រទេសថៃវិញពីប្រទេស',
    identifiedBy: 'ត្រូវបានកំណត់អត្តសញ្ញាណជាជនរងគ្រោះដោយស្ថាប័ន',
    country: 'ប្រទេស',
    repatriatedBy: 'ត្រូវបានកំណត់អត្តសញ្ញាណជាជនរងគ្រោះដោយការជួញដូរមនុស្ស ត្រូវបានជួយសង្គ្រោះ និងបញ្ជូនត្រឡប់មកវិញដោយ',
    repatriatedByOptions: {
      RoyalThaiEmbassy: 'ស្ថានទូតថៃ',
      IOM: 'អង្គការ IOM',
      Self: 'ត្រឡប់មកវិញដោយខ្លួនឯង',
      Agency: 'ស្ថាប័ន (បញ្ជាក់)',
    },
    returnType: 'ការបញ្ជូនត្រឡប់នេះគឺ',
    returnTypes: { Voluntary: 'ការវិលត្រឡប់ដោយស្ម័គ្រចិត្ត', Involuntary: 'ការវិលត្រឡប់ដោយមិនស្ម័គ្រចិត្ត' },
    rightsIntro:
      'ខ្ញុំបានទទួលការជូនដំណឹងអំពីសិទ្ធិរបស់ខ្ញុំ ស្របតាមច្បាប់ស្តីពីការប្រឆាំងការជួញដូរមនុស្ស ឆ្នាំ២០០៨ ពីមន្ត្រីក្រសួងអភិវឌ្ឍន៍សង្គម និងសន្តិសុខមនុស្ស ដូចខាងក្រោម៖',
    rights: [
      'សិទ្ធិទទួលបានជំនួយ៖ អាហារ ទីស្នាក់នៅ ការព្យាបាល ការស្តារនីតិសម្បទាផ្លូវកាយ និងផ្លូវចិត្ត ការអប់រំ ការបណ្តុះបណ្តាល ជំនួយផ្លូវច្បាប់ និងការបញ្ជូនត្រឡប់ប្រកបដោយសុវត្ថិភាព',
      'សិទ្ធិស្នាក់នៅក្នុងប្រទេសជាបណ្តោះអាសន្ន និងអាចទទួលបានការអនុញ្ញាតឱ្យធ្វើការជាបណ្តោះអាសន្ន',
      'សិទ្ធិទទួលបានសុវត្ថិភាព និងកិច្ចការពារ រួមទាំងការការពារសាក្សីតាមច្បាប់ការពារសាក្សី',
      'សិទ្ធិទាមទារសំណង និងការជួសជុលការខូចខាតពីជនល្មើសដោយមិនគិតថ្លៃ',
      'មិនត្រូវបានចោទប្រកាន់ពីបទចូលប្រទេសខុសច្បាប់ ការរាយការណ៍មិនពិត ការប្រើឯកសារក្លែងក្លាយ បទល្មើសពេស្យាចារ ឬការធ្វើការដោយគ្មានលិខិតអនុញ្ញាត។ ទោះជាយ៉ាងណា មន្ត្រីយុត្តិធម៌អាចចោទប្រកាន់បាន នៅពេលទទួលបានការអនុញ្ញាតជាលាយលក្ខណ៍អក្សរពីរដ្ឋមន្ត្រីក្រសួងយុត្តិធម៌។',
      'សិទ្ធិទទួលបានជំនួយហិរញ្ញវត្ថុពីមូលនិធិប្រឆាំងការជួញដូរមនុស្ស',
    ],
    acknowledgement: 'ខ្ញុំទទួលស្គាល់ និងយល់អំពីសិទ្ធិរបស់ខ្ញុំក្នុងនាមជាជនរងគ្រោះដោយការជួញដូរមនុស្ស។',
    declineProtection: 'ខ្ញុំមិនប្រាថ្នាទទួលជំនួយការពារទេ ដោយសារ',
    contactMe: 'អាចទាក់ទងខ្ញុំបានតាមរយៈ',
    declineRemark:
      'ជនរងគ្រោះអាចត្រូវបានអញ្ជើញនៅពេលក្រោយ ដើម្បីផ្តល់ព័ត៌មានបន្ថែម។ ថ្លៃធ្វើដំណើរនឹងត្រូវចេញដោយស្ថាប័នដែលអញ្ជើញ។',
    wishProtection: 'ខ្ញុំប្រាថ្នាទទួលជំនួយការពារដោយស្ម័គ្រចិត្តនៅ',
    abideRules: 'ហើយខ្ញុំយល់ព្រមគោរពតាមបទបញ្ជាទាំងអស់របស់មណ្ឌលការពារ។',
    entitlementsProtected:
      'ប្រសិនបើប្រាថ្នាទទួលការការពារ៖ មណ្ឌលស្នាក់នៅ ប្រាក់ចំណូលពីការងារ មូលនិធិប្រឆាំងការជួញដូរមនុស្ស ប្រាក់ឈ្នួលដែលនៅជំពាក់ សំណងក្នុងនាមជាសាក្សី និងការជួសជុលការខូចខាត',
    entitlementsNotProtected:
      'ប្រសិនបើមិនប្រាថ្នាទទួលការការពារ អ្នកនៅតែមានសិទ្ធិទទួលបានមូលនិធិ ប្រាក់ឈ្នួលដែលនៅជំពាក់ សំណងក្នុងនាមជាសាក្សី និងការជួសជុលការខូចខាត',
    signatures: {
      assistedPerson: 'ហត្ថលេខា៖ អ្នកទទួលជំនួយ',
      witness: 'ហត្ថលេខា៖ សាក្សី',
      official: 'ហត្ថលេខា៖ មន្ត្រី',
      witnessInterpreter: 'ហត្ថលេខា៖ សាក្សី / អ្នកបកប្រែ',
    },
    footer: 'នាយកដ្ឋានប្រឆាំងការជួញដូរមនុស្ស ទូរស័ព្ទ 0 2202 9074 – 6 · មជ្ឈមណ្ឌលជំនួយសង្គម 1300 (២៤ ម៉ោង)',
    print: 'បោះពុម្ព',
  },
  lo: {
    formTitle: 'ແບບຟອມແຈ້ງສິດຂອງຜູ້ເສຍຫາຍຈາກການຄ້າມະນຸດ',
    at: 'ທີ່',
    date: 'ວັນທີ',
    titleLabel: 'ຄຳນຳໜ້າ',
    titles: { Mr: 'ທ້າວ', Ms: 'ນາງ', Miss: 'ນາງສາວ' },
    name: 'ຊື່ ແລະ ນາມສະກຸນ',
    age: 'ອາຍຸ',
    years: 'ປີ',
    nationality: 'ສັນຊາດ',
    idDocument: 'ເລກບັດປະຈຳຕົວ / ເອກະສານຢັ້ງຢືນຕົວຕົນ',
    returningFrom: 'ຂ້າພະເຈົ້າເປັນພົນລະເມືອງໄທ ເດີນທາງກັບຄືນປະເທດໄທຈາກປະເທດ',
    identifiedBy: 'ໄດ້ຮັບການກຳນົດຕົວເປັນຜູ້ເສຍຫາຍໂດຍອົງການ',
    country: 'ປະເທດ',
    repatriatedBy: 'ໄດ້ຮັບການກຳນົດວ່າເປັນຜູ້ເສຍຫາຍຈາກການຄ້າມະນຸດ, ໄດ້ຮັບການຊ່ວຍເຫຼືອ ແລະ ສົ່ງກັບຄືນໂດຍ',
    repatriatedByOptions: {
      RoyalThaiEmbassy: 'ສະຖານທູດໄທ',
      IOM: 'ອົງການ IOM',
      Self: 'ກັບຄືນດ້ວຍຕົນເອງ',
      Agency: 'ອົງການ (ລະບຸ)',
    },
    returnType: 'ການສົ່ງກັບຄືນຄັ້ງນີ້ແມ່ນ',
    returnTypes: { Voluntary: 'ການກັບຄືນດ້ວຍຄວາມສະໝັກໃຈ', Involuntary: 'ການກັບຄືນໂດຍບໍ່ສະໝັກໃຈ' },
    rightsIntro:
      'ຂ້າພະເຈົ້າໄດ້ຮັບການແຈ້ງສິດຂອງຂ້າພະເຈົ້າ ຕາມກົດໝາຍວ່າດ້ວຍການຕ້ານການຄ້າມະນຸດ ປີ 2008 ຈາກເຈົ້າໜ້າທີ່ກະຊວງການພັດທະນາສັງຄົມ ແລະ ຄວາມໝັ້ນຄົງຂອງມະນຸດ ດັ່ງນີ້:',
    rights: [
      'ສິດໄດ້ຮັບການຊ່ວຍເຫຼືອ: ອາຫານ, ທີ່ພັກອາໄສ, ການປິ່ນປົວ, ການຟື້ນຟູທາງດ້ານຮ່າງກາຍ ແລະ ຈິດໃຈ, ການສຶກສາ, ການຝຶກອົບຮົມ, ການຊ່ວຍເຫຼືອທາງດ້ານກົດໝາຍ ແລະ ການສົ່ງກັບຄືນຢ່າງປອດໄພ',
      'ສິດອາໄສຢູ່ໃນປະເທດຊົ່ວຄາວ ແລະ ອາດໄດ້ຮັບອະນຸຍາດໃຫ້ເຮັດວຽກຊົ່ວຄາວ',
      'ສິດໄດ້ຮັບຄວາມປອດໄພ ແລະ ການປົກປ້ອງ ລວມທັງການປົກປ້ອງພະຍານ ຕາມກົດໝາຍວ່າດ້ວຍການປົກປ້ອງພະຍານ',
      'ສິດຮຽກຮ້ອງຄ່າຊົດເຊີຍ ແລະ ຄ່າເສຍຫາຍຈາກຜູ້ກະທຳຜິດ ໂດຍບໍ່ເສຍຄ່າ',
      'ຈະບໍ່ຖືກດຳເນີນຄະດີໃນຂໍ້ຫາເຂົ້າເມືອງຜິດກົດໝາຍ, ແຈ້ງຄວາມບໍ່ຈິງ, ໃຊ້ເອກະສານປອມ, ຄວາມຜິດກ່ຽວກັບການຄ້າປະເວນີ ຫຼື ເຮັດວຽກໂດຍບໍ່ມີໃບອະນຸຍາດ. ເຖິງຢ່າງໃດກໍຕາມ ເຈົ້າໜ້າທີ່ຍຸຕິທຳສາມາດດຳເນີນຄະດີໄດ້ ເມື່ອໄດ້ຮັບອະນຸຍາດເປັນລາຍລັກອັກສອນຈາກລັດຖະມົນຕີກະຊວງຍຸຕິທຳ.',
      'ສິດໄດ້ຮັບການຊ່ວຍເຫຼືອທາງດ້ານການເງິນຈາກກອງທຶນຕ້ານການຄ້າມະນຸດ',
    ],
    acknowledgement: 'ຂ້າພະເຈົ້າຮັບຮູ້ ແລະ ເຂົ້າໃຈສິດຂອງຂ້າພະເຈົ້າໃນຖານະຜູ້ເສຍຫາຍຈາກການຄ້າມະນຸດ.',
    declineProtection: 'ຂ້າພະເຈົ້າບໍ່ປະສົງຮັບການຊ່ວຍເຫຼືອປົກປ້ອງ ເນື່ອງຈາກ',
    contactMe: 'ສາມາດຕິດຕໍ່ຂ້າພະເຈົ້າໄດ້ທີ່',
    declineRemark: 'ຜູ້ເສຍຫາຍອາດຖືກເຊີນມາໃຫ້ຂໍ້ມູນເພີ່ມເຕີມໃນພາຍຫຼັງ. ຄ່າເດີນທາງຈະແມ່ນອົງການທີ່ເຊີນເປັນຜູ້ຮັບຜິດຊອບ.',
    wishProtection: 'ຂ້າພະເຈົ້າປະສົງຮັບການຊ່ວຍເຫຼືອປົກປ້ອງດ້ວຍຄວາມສະໝັກໃຈທີ່',
    abideRules: 'ແລະ ຍິນດີປະຕິບັດຕາມລະບຽບທັງໝົດຂອງສູນປົກປ້ອງ.',
    entitlementsProtected:
      'ຖ້າປະສົງຮັບການປົກປ້ອງ: ທີ່ພັກໃນສູນປົກປ້ອງ, ລາຍໄດ້ຈາກການເຮັດວຽກ, ກອງທຶນຕ້ານການຄ້າມະນຸດ, ຄ່າແຮງງານຄ້າງຈ່າຍ, ຄ່າຕອບແທນໃນຖານະພະຍານ ແລະ ຄ່າຊົດເຊີຍ',
    entitlementsNotProtected:
      'ຖ້າບໍ່ປະສົງຮັບການປົກປ້ອງ ກໍຍັງມີສິດໄດ້ຮັບກອງທຶນ, ຄ່າແຮງງານຄ້າງຈ່າຍ, ຄ່າຕອບແທນໃນຖານະພະຍານ ແລະ ຄ່າຊົດເຊີຍ',
    signatures: {
      assistedPerson: 'ລົງຊື່: ຜູ້ຮັບການຊ່ວຍເຫຼືອ',
      witness: 'ລົງຊື່: ພະຍານ',
      official: 'ລົງຊື່: ເຈົ້າໜ້າທີ່',
      witnessInterpreter: 'ລົງຊື່: ພະຍານ / ນາຍແປພາສາ',
    },
    footer: 'ກົມຕ້ານການຄ້າມະນຸດ ໂທ 0 2202 9074 – 6 · ສູນຊ່ວຍເຫຼືອສັງຄົມ 1300 (24 ຊົ່ວໂມງ)',
    print: 'ພິມ',
  },
  zh: {
    formTitle: '人口贩运受害者权利告知书',
    at: '地点',
    date: '日期',
    titleLabel: '称谓',
    titles: { Mr: '先生', Ms: '女士', Miss: '小姐' },
    name: '姓名',
    age: '年龄',
    years: '岁',
    nationality: '国籍',
    idDocument: '身份证号码 / 身份证件',
    returningFrom: '本人为泰国公民，从以下国家返回泰国',
    identifiedBy: '认定本人为受害者的机构',
    country: '国家',
    repatriatedBy: '本人被认定为人口贩运受害者，获救并被遣返，遣返方为',
    repatriatedByOptions: {
      RoyalThaiEmbassy: '泰国大使馆',
      IOM: '国际移民组织（IOM）',
      Self: '自行返回',
      Agency: '机构（请注明）',
    },
    returnType: '此次遣返为',
    returnTypes: { Voluntary: '自愿返回', Involuntary: '非自愿返回' },
    rightsIntro: '社会发展与人类安全部官员已告知本人依据《2008年反人口贩运法》享有的以下权利：',
    rights: [
      '获得援助的权利：食物、住宿、医疗、身心康复、教育、培训、法律援助以及安全返乡。',
      '在该国临时居留的权利，并可能获得临时工作许可。',
      '获得安全与保护的权利，包括依据《证人保护法》作为证人受到保护。',
      '免费向犯罪者索取赔偿和补偿的权利。',
      '不因非法入境、虚假报告、使用伪造证件、卖淫相关罪行或无证工作而被起诉。但经司法部长书面许可，司法官员可以提起诉讼。',
      '从反人口贩运基金获得经济援助的权利。',
    ],
    acknowledgement: '本人确认并理解本人作为人口贩运受害者所享有的权利。',
    declineProtection: '本人不希望接受保护援助，原因是',
    contactMe: '可通过以下方式联系本人',
    declineRemark: '受害者日后可能被邀请提供更多信息，差旅费用由邀请机构承担。',
    wishProtection: '本人自愿希望在以下地点接受保护援助',
    abideRules: '并愿意遵守保护庇护所的一切规定。',
    entitlementsProtected:
      '如希望接受保护：庇护所安置、工作收入、反人口贩运基金、拖欠工资、作为证人的补偿以及赔偿。',
    entitlementsNotProtected:
      '如不希望接受保护，仍有权获得基金援助、拖欠工资、作为证人的补偿以及赔偿。',
    signatures: {
      assistedPerson: '签名：受助人',
      witness: '签名：证人',
      official: '签名：官员',
      witnessInterpreter: '签名：证人 / 翻译',
    },
    footer: '反人口贩运司 电话 0 2202 9074 – 6 · 社会援助中心 1300（24小时）',
    print: '打印',
  },
  vi: {
    formTitle: 'Mẫu thông báo quyền của nạn nhân bị mua bán người',
    at: 'Tại',
    date: 'Ngày',
    titleLabel: 'Danh xưng',
    titles: { Mr: 'Ông', Ms: 'Bà', Miss: 'Cô' },
    name: 'Họ và tên',
    age: 'Tuổi',
    years: 'tuổi',
    nationality: 'Quốc tịch',
    idDocument: 'Số chứng minh nhân dân / giấy tờ tùy thân',
    returningFrom: 'Tôi là công dân Thái Lan trở về Thái Lan từ nước',
    identifiedBy: 'Được xác định là nạn nhân bởi cơ quan',
    country: 'Quốc gia',
    repatriatedBy: 'Được xác định là nạn nhân bị mua bán người, được giải cứu và hồi hương bởi',
    repatriatedByOptions: {
      RoyalThaiEmbassy: 'Đại sứ quán Hoàng gia Thái Lan',
      IOM: 'Tổ chức Di cư Quốc tế (IOM)',
      Self: 'Tự trở về',
      Agency: 'Cơ quan (ghi rõ)',
    },
    returnType: 'Việc hồi hương này là',
    returnTypes: { Voluntary: 'tự nguyện trở về', Involuntary: 'không tự nguyện trở về' },
    rightsIntro:
      'Tôi đã được cán bộ Bộ Phát triển Xã hội và An ninh Con người thông báo về các quyền của tôi theo Luật Phòng, chống mua bán người năm 2008 như sau:',
    rights: [
      'Quyền được hỗ trợ: thức ăn, chỗ ở, chăm sóc y tế, phục hồi thể chất và tinh thần, giáo dục, đào tạo, trợ giúp pháp lý và trở về nhà an toàn.',
      'Quyền được tạm trú trong nước và, nếu có thể, được phép làm việc tạm thời.',
      'Quyền được bảo đảm an toàn và bảo vệ, bao gồm bảo vệ nhân chứng theo Luật Bảo vệ nhân chứng.',
      'Quyền yêu cầu bồi thường và bồi hoàn từ người phạm tội mà không phải trả phí.',
      'Không bị truy tố vì nhập cảnh trái phép, khai báo sai sự thật, sử dụng giấy tờ giả, các tội liên quan đến mại dâm hoặc làm việc không có giấy phép. Tuy nhiên, cơ quan tư pháp có thể truy tố khi được Bộ trưởng Bộ Tư pháp cho phép bằng văn bản.',
      'Quyền được hỗ trợ tài chính từ Quỹ Phòng, chống mua bán người.',
    ],
    acknowledgement:
      'Tôi xác nhận và hiểu các quyền của mình với tư cách là nạn nhân bị mua bán người.',
    declineProtection: 'Tôi không muốn nhận hỗ trợ bảo vệ vì',
    contactMe: 'Có thể liên hệ với tôi tại',
    declineRemark:
      'Nạn nhân có thể được mời cung cấp thêm thông tin sau này. Chi phí đi lại do cơ quan mời chi trả.',
    wishProtection: 'Tôi tự nguyện muốn nhận hỗ trợ bảo vệ tại',
    abideRules: 'và tôi sẵn sàng tuân thủ mọi quy định của cơ sở bảo trợ.',
    entitlementsProtected:
      'Nếu muốn được bảo vệ: chỗ ở tại cơ sở bảo trợ, thu nhập từ công việc, Quỹ Phòng, chống mua bán người, tiền lương còn nợ, bồi thường với tư cách nhân chứng và bồi hoàn.',
    entitlementsNotProtected:
      'Nếu không muốn được bảo vệ, bạn vẫn có quyền nhận hỗ trợ từ Quỹ, tiền lương còn nợ, bồi thường với tư cách nhân chứng và bồi hoàn.',
    signatures: {
      assistedPerson: 'Chữ ký: Người được hỗ trợ',
      witness: 'Chữ ký: Người làm chứng',
      official: 'Chữ ký: Cán bộ',
      witnessInterpreter: 'Chữ ký: Người làm chứng / Phiên dịch',
    },
    footer:
      'Vụ Phòng, chống mua bán người ĐT 0 2202 9074 – 6 · Trung tâm Hỗ trợ Xã hội 1300 (24 giờ)',
    print: 'In',
  },
};
