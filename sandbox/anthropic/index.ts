export { createAnthropicService } from './service';
export { AnthropicStub, type RecordedRequest } from './stub';
export {
  DEFAULT_REPLY_TEXT,
  type AnthropicScript,
  type ScriptedReply,
  type MessagesRequest,
  type Usage,
} from './script';
