// Roles of plan sections, recognised from their headings (folded). Plans follow the outline
// customary since Nghị định 30/2020/NĐ-CP Phụ lục III templates for Kế hoạch: I. Mục đích,
// yêu cầu; II. Mục tiêu / Chỉ tiêu; III. Nhiệm vụ, giải pháp (or Nội dung, Hoạt động);
// IV. Kinh phí; V. Tổ chức thực hiện.
export type SectionRole = 'purpose' | 'targets' | 'tasks' | 'budget' | 'responsibilities' | 'scope' | 'background'

export const SECTION_ROLES: readonly { re: RegExp; role: SectionRole; titleOnly?: boolean }[] = [
  { re: /^(muc dich|yeu cau)/, role: 'purpose' },
  { re: /^(cac )?(muc tieu|chi tieu)/, role: 'targets' },
  { re: /^(tong )?(kinh phi|nguon kinh phi|nguon von|du toan|tai chinh)/, role: 'budget' },
  { re: /^(to chuc thuc hien|trach nhiem|phan cong)/, role: 'responsibilities' },
  { re: /^(cac )?(nhiem vu|giai phap|noi dung|hoat dong|chuong trinh|de an|du an)/, role: 'tasks' },
  { re: /^(doi tuong|pham vi|thoi gian)/, role: 'scope' },
  // the work named after a qualifier in a section title printed in capitals: "HÌNH THỨC VÀ CÁC HOẠT
  // ĐỘNG TRỌNG TÂM" (an item's running text naming "nhiệm vụ chính trị" is no title)
  { re: /(^|\s)(nhiem vu|giai phap|hoat dong)(\s|$)/, role: 'tasks', titleOnly: true },
  // a section that gives the situation and then the objectives under one title ("TÌNH HÌNH VÀ CHỈ
  // TIÊU", "KẾT QUẢ NĂM 2024 VÀ MỤC TIÊU NĂM 2025"): a targets section whose background sentences
  // are told apart as in any targets section (present state, past years: targets.ts)
  { re: /(^|\s)va (cac )?(muc tieu|chi tieu)(\s|$)/, role: 'targets' },
  // the situation, stated before the objectives ("1. Tình hình chung", "1. Thực trạng", "Đặc điểm tình
  // hình", "Kết quả năm 2024"): background, even inside such a combined section
  { re: /^(tinh hinh|thuc trang|dac diem|ket qua|boi canh)/, role: 'background' },
]

/**
 * Document types whose body is the list of directives itself, with no Nhiệm vụ section
 * (Nghị định 30/2020/NĐ-CP, Phụ lục III mẫu 1.3 Chỉ thị; a Công điện is laid out the same way):
 * after the opening paragraphs ("… Chủ tịch Ủy ban nhân dân tỉnh yêu cầu:") every numbered item
 * is a task.
 */
export const DIRECTIVE_TYPES: readonly string[] = ['Chỉ thị', 'Công điện']

/**
 * A group row of a task table: a row spanning the table that names and numbers a group of tasks
 * ("Nhiệm vụ 1: Nâng cao nhận thức …", "Giải pháp 2: …"); the rows below it are numbered 1.1, 1.2 …
 * under it. Folded; group 1 is the number.
 */
export const GROUP_ROW = /\b(?:nhiem vu|giai phap|hoat dong|noi dung|chuong trinh|linh vuc)\s+(\d{1,2})\s*[:.]/
