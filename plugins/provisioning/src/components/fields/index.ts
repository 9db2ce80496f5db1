export {
  DomainNameFormField,
  SandboxNameFormField,
  validateDomainName,
  validateSandboxName,
} from './fields';
