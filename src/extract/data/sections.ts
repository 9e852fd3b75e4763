// Roles of plan sections, recognised from their headings (folded). Plans follow the outline
// customary since Nghị định 30/2020/NĐ-CP Phụ lục III templates for Kế hoạch: I. Mục đích,
// yêu cầu; II. Mục tiêu / Chỉ tiêu; III. Nhiệm vụ, giải pháp (or Nội dung, Hoạt động);
// IV. Kinh phí; V. Tổ chức thực hiện.
export type SectionRole = 'purpose' | 'targets' | 'tasks' | 'budget' | 'responsibilities' | 'scope'

export const SECTION_ROLES: readonly { re: RegExp; role: SectionRole }[] = [
  { re: /^(muc dich|yeu cau)/, role: 'purpose' },
  { re: /^(cac )?(muc tieu|chi tieu)/, role: 'targets' },
  { re: /^(tong )?(kinh phi|nguon kinh phi|nguon von|du toan|tai chinh)/, role: 'budget' },
  { re: /^(to chuc thuc hien|trach nhiem|phan cong)/, role: 'responsibilities' },
  { re: /^(cac )?(nhiem vu|giai phap|noi dung|hoat dong|chuong trinh|de an|du an)/, role: 'tasks' },
  { re: /^(doi tuong|pham vi|thoi gian)/, role: 'scope' },
]
