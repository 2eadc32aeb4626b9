import { validationFailed, type FieldProblem, fieldProblem } from '../errors/app-error.ts';
import { hasRole, idNoOfAccount, type Principal } from '../auth/index.ts';
import { attachmentsByIds, attachmentsGrantedTo, formatOfMimeType } from '../attachments/index.ts';
import { reusableAttachmentIds } from './prefill.service.ts';
import type { ApplicationParts } from './submission-schema.ts';
import type { SubmissionTarget } from './submission-target.ts';
import { namedLicenses } from './given-materials.ts';

/**
 * Whether the caller may use what the platform holds of the applicant (their e-licenses, the files
 * of their earlier cases): the applicant themselves (their account's identity, or their company's),
 * or a window clerk who checked their ID in person; never someone applying for them (委托代理).
 */
async function usesOwnRecords(principal: Principal, applicantIdNo: string): Promise<boolean> {
  if (hasRole(principal, 'clerk')) return true;
  return (await idNoOfAccount(principal.id)) === applicantIdNo;
}

/**
 * Checks every material, commitment (告知承诺) and deferral (容缺) against what the case applies
 * for and the caller's uploads; reports all problems at once (一次告知).
 */
export async function checkMaterials(target: SubmissionTarget, parts: ApplicationParts, applicantIdNo: string, principal: Principal): Promise<void> {
  const problems: FieldProblem[] = [];
  const requirements = new Map(target.materials.map((m) => [m.code, m]));
  const ids = [...new Set(parts.materials.flatMap((m) => (m.attachmentId ? [m.attachmentId] : [])))];
  const licenses = await namedLicenses(parts.materials, target.materials);
  const attachments = await attachmentsByIds(ids);
  const own = await usesOwnRecords(principal, applicantIdNo);
  // 前序流程已收取的材料不需提交: files the applicant handed in with earlier cases may be named again (by the applicant)
  const reusable = own ? await reusableAttachmentIds(applicantIdNo, ids) : new Set<string>();
  // 预约预填: the files of a booking's prepared application, handed over to the clerk who opened the checked-in booking
  if (hasRole(principal, 'clerk')) for (const id of await attachmentsGrantedTo(principal.id, ids)) reusable.add(id);
  const seen = new Set<string>();
  /** 申请表电子化: an application form the platform generates is never handed in, promised or deferred */
  const generatedProblem = (field: string, code: string): boolean => {
    const generated = target.generatedMaterials.find((g) => g.code === code);
    if (!generated) return false;
    problems.push(
      fieldProblem(
        field,
        target.kind === 'bundle'
          ? `${generated.name}：由平台按一表申请的填报内容生成，无需提交`
          : `${generated.name}：由平台按申请表单的填报内容生成，无需提交`,
        target.kind === 'bundle'
          ? `${generated.nameEn}: the platform generates it from the one form; do not hand it in`
          : `${generated.nameEn}: the platform generates it from the form you fill in; do not hand it in`,
      ),
    );
    return true;
  };
  const what = target.kind === 'bundle' ? '本件事' : '本事项';
  const whatEn = target.kind === 'bundle' ? 'this bundle' : 'this item';
  parts.materials.forEach((material, i) => {
    const field = `materials.${i}`;
    const requirement = requirements.get(material.code);
    const attachment = material.attachmentId ? attachments.get(material.attachmentId) : undefined;
    const license = requirement?.eLicense && material.eLicenseNumber ? licenses.get(`${requirement.eLicense}:${material.eLicenseNumber}`) : undefined;
    if (generatedProblem(`${field}.code`, material.code)) return;
    if (!requirement) {
      problems.push(fieldProblem(`${field}.code`, `材料“${material.code}”不是${what}的申请材料`, `material "${material.code}" is not a material of ${whatEn}`));
    } else if (Boolean(material.attachmentId) === Boolean(material.eLicenseNumber)) {
      problems.push(
        fieldProblem(field, `${requirement.name}：请提供附件或电子证照编号之一`, `${requirement.nameEn}: give either a file or an e-license number`),
      );
    } else if (material.eLicenseNumber) {
      // 电子证照免提交: an e-license of the applicant, of the type the catalog names, in force
      if (!requirement.eLicense) {
        problems.push(fieldProblem(`${field}.eLicenseNumber`, `${requirement.name}：不能以电子证照代替`, `${requirement.nameEn}: no e-license can replace it`));
      } else if (!own) {
        problems.push(
          fieldProblem(
            `${field}.eLicenseNumber`,
            `${requirement.name}：电子证照只能由持证人本人调用，代他人申请请上传材料`,
            `${requirement.nameEn}: only its holder may use an e-license; applying for someone else, upload the material`,
          ),
        );
      } else if (!license || license.holderIdNo !== applicantIdNo) {
        problems.push(
          fieldProblem(
            `${field}.eLicenseNumber`,
            `${requirement.name}：电子证照不存在或不属于申请人`,
            `${requirement.nameEn}: no such e-license of the applicant`,
          ),
        );
      } else if (!license.validAt()) {
        problems.push(
          fieldProblem(
            `${field}.eLicenseNumber`,
            `${requirement.name}：电子证照已注销或已过期`,
            `${requirement.nameEn}: the e-license was revoked or has expired`,
          ),
        );
      }
    } else if (!attachment || (attachment.uploadedBy !== principal.id && !reusable.has(attachment.id))) {
      problems.push(
        fieldProblem(
          `${field}.attachmentId`,
          `${requirement.name}：附件不存在或不是由您上传的`,
          `${requirement.nameEn}: no such attachment among your uploads`,
        ),
      );
    } else if (!requirement.formats.some((f) => f === formatOfMimeType(attachment.mimeType))) {
      problems.push(
        fieldProblem(
          `${field}.attachmentId`,
          `${requirement.name}：只接受 ${requirement.formats.join('/')} 格式`,
          `${requirement.nameEn}: only ${requirement.formats.join('/')} accepted`,
        ),
      );
    }
    const given = material.attachmentId ?? `license:${material.code}`;
    if (seen.has(given)) {
      problems.push(
        fieldProblem(
          field,
          material.attachmentId ? '同一附件重复提交' : '同一材料的电子证照重复提交',
          material.attachmentId ? 'the same attachment is listed twice' : 'the same material is given twice as an e-license',
        ),
      );
    }
    seen.add(given);
  });
  const handedIn = new Set(parts.materials.map((m) => m.code));
  const promised = [...(parts.commitments ?? []), ...(parts.deferrals ?? [])].map((c) => c.materialCode);
  (parts.commitments ?? []).forEach((commitment, i) => {
    const field = `commitments.${i}.materialCode`;
    const requirement = requirements.get(commitment.materialCode);
    if (generatedProblem(field, commitment.materialCode)) return;
    if (!requirement?.commitment) {
      problems.push(
        fieldProblem(
          field,
          `告知承诺：“${requirement?.name ?? commitment.materialCode}”不能以承诺代替`,
          `commitments: "${requirement?.nameEn ?? commitment.materialCode}" cannot be replaced by a commitment`,
        ),
      );
    } else if (handedIn.has(commitment.materialCode)) {
      problems.push(
        fieldProblem(
          field,
          `告知承诺：已提交“${requirement.name}”，无需再作承诺`,
          `commitments: "${requirement.nameEn}" was handed in, no commitment is needed`,
        ),
      );
    } else if (promised.filter((code) => code === commitment.materialCode).length > 1) {
      problems.push(fieldProblem(field, `告知承诺：“${requirement.name}”重复承诺`, `commitments: "${requirement.nameEn}" is listed twice`));
    }
  });
  (parts.deferrals ?? []).forEach((deferral, i) => {
    const field = `deferrals.${i}.materialCode`;
    const requirement = requirements.get(deferral.materialCode);
    if (generatedProblem(field, deferral.materialCode)) return;
    if (!requirement?.tolerable || !requirement.required) {
      problems.push(
        fieldProblem(
          field,
          `容缺受理：“${requirement?.name ?? deferral.materialCode}”不在容缺材料目录内`,
          `deferrals: "${requirement?.nameEn ?? deferral.materialCode}" may not be handed in later`,
        ),
      );
    } else if (handedIn.has(deferral.materialCode)) {
      problems.push(fieldProblem(field, `容缺受理：已提交“${requirement.name}”，无需容缺`, `deferrals: "${requirement.nameEn}" was handed in`));
    } else if (promised.filter((code) => code === deferral.materialCode).length > 1) {
      problems.push(fieldProblem(field, `容缺受理：“${requirement.name}”重复列出`, `deferrals: "${requirement.nameEn}" is listed twice`));
    }
  });
  if (problems.length) throw validationFailed(problems);
}
