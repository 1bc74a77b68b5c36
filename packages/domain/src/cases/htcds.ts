/**
 * HTCDS 2.0 vocabulary (IOM Human Trafficking Case Data Standard, CC BY 4.0): value names of the
 * picklists this system stores, exactly as the standard spells them. Where HTCDS is silent
 * (identification status, form of exploitation, consent purposes, screening, hotline, shelter stays,
 * follow-ups) the lists below are extensions named in the same style; `HTCDS_EXTENSIONS` names them.
 * Labels are translated under `htcds.<list>.<value>`.
 *
 * !!! Stored values: renaming one needs a data migration. !!!
 */

/** prs_Gender */
export const GENDERS = ['Male', 'Female', 'TransgenderNonConforming', 'Unknown'] as const;
export type Gender = (typeof GENDERS)[number];

/** cas_Status */
export const CASE_STATUSES = ['Active', 'FollowUp', 'Closed', 'ClosedReferred'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** vic_MethodOfRecruitment */
export const RECRUITMENT_METHODS = [
  'Abduction',
  'EducationalFacility',
  'Familial',
  'Internet',
  'InternationalMarriageBroker',
  'IntimatePartnerMarriageProposition',
  'JobOfferAdvertisement',
  'PosingAsBenefactor',
  'PublicArea',
  'OfferOfAccommodation',
  'Shelter',
  'SmugglingRansom',
  'Work',
  'Other',
  'Unknown',
] as const;

/** vic_RecruitmentWebsitesAndApps, vic_ExploitationWebsitesAndApps */
export const WEBSITES_AND_APPS = [
  'Facebook',
  'Instagram',
  'WhatsApp',
  'Telegram',
  'FacebookMessenger',
  'Viber',
  'SnapChat',
  'Line',
  '4Sale',
  'WeChat',
  'QQ',
  'QZone',
  'TikTok',
  'Twitter',
  'Other',
] as const;

/** vic_MethodsOfControl */
export const METHODS_OF_CONTROL = [
  'DebtBondage',
  'TakesEarnings',
  'RestrictsFinancialAccess',
  'Threats',
  'PsychologicalAbuse',
  'PhysicalAbuse',
  'SexualAbuse',
  'FalsePromises',
  'PsychoactiveSubstances',
  'RestrictsMovement',
  'RestrictsMedicalCare',
  'ExcessiveWorkingHours',
  'UsesChildren',
  'ThreatOfLawEnforcement',
  'WithholdsNecessities',
  'WithholdsDocuments',
  'Other',
] as const;

/** vic_TypeOfLabourExploitation */
export const LABOUR_EXPLOITATION_TYPES = [
  'Agriculture',
  'Aquafarming',
  'Begging',
  'Construction',
  'DomesticWork',
  'Hospitality',
  'IllicitActivities',
  'Manufacturing',
  'MiningOrDrilling',
  'Peddling',
  'Transportation',
  'Other',
] as const;

/** vic_LabourIndustry (ISIC rev. 4 sections) */
export const LABOUR_INDUSTRIES = [
  'A_AgricultureForestryAndFishing',
  'B_MiningAndQuarrying',
  'C_Manufacturing',
  'D_ElectricityGasSteamAndAirConditioningSupply',
  'E_WaterSupplySewerageWasteManagement',
  'F_Construction',
  'G_WholesaleAndRetailTradeRepairOfMotorVehicles',
  'H_TransportationAndStorage',
  'I_AccommodationAndFoodServiceActivities',
  'J_InformationAndCommunication',
  'K_FinancialAndInsuranceActivities',
  'L_RealEstateActivities',
  'M_ProfessionalScientificAndTechnicalActivities',
  'N_AdministrativeAndSupportServiceActivities',
  'O_PublicAdministrationAndDefence',
  'P_Education',
  'Q_HumanHealthAndSocialWorkActivities',
  'R_ArtsEntertainmentAndRecreation',
  'S_OtherServiceActivities',
  'T_ActivitiesOfHouseholdsAsEmployers',
  'U_ActivitiesOfExtraterritorialOrganizations',
] as const;

/** vic_TypeOfSexExploitation */
export const SEX_EXPLOITATION_TYPES = [
  'Prostitution',
  'Pornography',
  'RemoteInteractiveServices',
  'PrivateSexualServices',
] as const;

/** vic_Vulnerabilities */
export const VULNERABILITIES = [
  'Addiction',
  'Caste',
  'Discrimination',
  'Poverty',
  'DisabilityAndPhysicalHealth',
  'MentalHealth',
  'Migration',
  'Homelessness',
  'AbuseSocialMedia',
  'AbusePhysical',
  'Education',
  'WorkEnvironment',
] as const;

/** per_RoleInProcess */
export const PERPETRATOR_ROLES = [
  'TravellingPartner',
  'Transporter',
  'RecruiterOrIntermediary',
  'BrokerTravelAgent',
  'TransferredIndividual',
  'HarbouredIndividual',
  'SoldIndividual',
  'BoughtIndividual',
  'ReceivedIndividual',
  'ControlledIndividual',
  'Smuggler',
  'Abuser',
  'Kidnapper',
  'Exploiter',
  'Other',
] as const;

/** hte_Type */
export const TRAFFICKING_EVENT_TYPES = ['Recruitment', 'Transit', 'Exploitation'] as const;
export type TraffickingEventType = (typeof TRAFFICKING_EVENT_TYPES)[number];

/** cas_ReasonForIncomingReferral / cas_ReasonForOutgoingReferral */
export const REFERRAL_REASONS = [
  'AdditionalServicesRequired',
  'MigrationOrChangeOfLocation',
  'Other',
] as const;

/** sup_Type (support plan / service types, HTCDS support plan) */
export const SUPPORT_TYPES = [
  'Shelter',
  'Health',
  'Legal',
  'Psychosocial',
  'Education',
  'Livelihood',
  'FinancialAssistance',
  'FamilyTracing',
  'Interpretation',
  'Repatriation',
  'Reintegration',
  'Other',
] as const;
export type SupportType = (typeof SUPPORT_TYPES)[number];

// ---- extensions (HTCDS is silent) ----

/** vic_IdentificationStatus (extension): who is a victim, as decided by `vic_IdentifiedBy`. */
export const IDENTIFICATION_STATUSES = ['Possible', 'Identified', 'NotAVictim'] as const;
export type IdentificationStatus = (typeof IDENTIFICATION_STATUSES)[number];

/** vic_FormOfExploitation (extension): the forms the COMMIT statistics disaggregate by. */
export const FORMS_OF_EXPLOITATION = [
  'SexualExploitation',
  'ForcedLabour',
  'ForcedMarriage',
  'Begging',
  'DomesticServitude',
  'ForcedCriminality',
  'OrganRemoval',
  'IllegalAdoption',
  'Surrogacy',
  'ChildSoldier',
  'Other',
] as const;
export type FormOfExploitation = (typeof FORMS_OF_EXPLOITATION)[number];

/** con_Purpose (extension): what a consent is for. */
export const CONSENT_PURPOSES = ['Services', 'SharePolice', 'ShareCountry', 'Research'] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];

/** ref_Kind (extension, Primero's vocabulary): how a case moves between agencies. */
export const REFERRAL_KINDS = ['Assign', 'Refer', 'Transfer', 'TransferRequest'] as const;
export type ReferralKind = (typeof REFERRAL_KINDS)[number];

/** ref_Status (extension, Primero's transition states). */
export const REFERRAL_STATUSES = ['InProgress', 'Accepted', 'Rejected', 'Revoked', 'Done'] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

/** scr_Outcome (extension) */
export const SCREENING_OUTCOMES = ['Possible', 'Actual', 'NotAVictim'] as const;
export type ScreeningOutcome = (typeof SCREENING_OUTCOMES)[number];

/** hot_Channel, hot_CallerType, hot_Category, hot_Urgency, hot_Outcome (extensions, S002/S004). */
export const HOTLINE_CHANNELS = [
  'Phone',
  'Line',
  'Facebook',
  'WeChat',
  'Sms',
  'WalkIn',
  'Other',
] as const;
export const HOTLINE_CALLER_TYPES = [
  'Victim',
  'Migrant',
  'FamilyMember',
  'Friend',
  'Professional',
  'Anonymous',
  'Other',
] as const;
export const HOTLINE_CATEGORIES = ['LabourRights', 'Trafficking', 'Information', 'Other'] as const;
export const HOTLINE_URGENCIES = ['Low', 'Medium', 'High', 'Emergency'] as const;
export const HOTLINE_OUTCOMES = [
  'InformationGiven',
  'Referred',
  'ScreeningOpened',
  'CaseOpened',
  'NoActionNeeded',
  'CallDropped',
] as const;

/** The picklists HTCDS does not define, for the coverage report. */
export const HTCDS_EXTENSIONS = [
  'vic_IdentificationStatus',
  'vic_IdentifiedBy',
  'vic_IdentificationDate',
  'vic_FormOfExploitation',
  'vic_CountryOfExploitation',
  'vic_IsCrossBorder',
  'vic_ReTrafficked',
  'vic_BecameBroker',
  'prs_IdentityDocument',
  'con_*',
  'scr_*',
  'ref_*',
  'sup_*',
  'shl_*',
  'fup_*',
  'hot_*',
] as const;
