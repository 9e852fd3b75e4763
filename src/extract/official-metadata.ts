// Nghị định 30/2020/NĐ-CP, Phụ lục VI "Thông tin đầu vào của văn bản": the metadata records
// systems expect (số, ký hiệu, ngày, tên loại, trích yếu, cơ quan ban hành, người ký…).
import type { OfficialMetadata, PlanDocument } from '../schema/plan.js'

export function officialMetadata(d: PlanDocument, pageAmount: number | null): OfficialMetadata {
  const np = d.numberParts
  const notation = np ? [np.typeCode, np.issuerCode].filter(Boolean).join('-') || null : null
  return {
    typeName: d.type.name,
    codeNumber: np?.serial ? (np.year ? `${np.serial}/${np.year}` : np.serial) : null,
    codeNotation: d.number && np?.serial ? d.number.slice(d.number.indexOf(np.serial) + np.serial.length).replace(/^\/\d{4}/, '').replace(/^[/-]/, '') : notation,
    issuedDate: d.date,
    organName: d.issuer.name,
    organNameParent: d.issuer.parent,
    subject: d.title,
    place: d.place,
    signerName: d.signer?.name ?? null,
    signerPosition: d.signer?.position ?? null,
    signerAuthority: d.signer?.authority ?? null,
    recipients: d.recipients,
    pageAmount,
    language: 'vi',
  }
}
