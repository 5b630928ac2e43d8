/** The type of the handler table: one function per channel, given the parsed input, the app and the resolved actor. */
import type { Channel, ChannelActor, ChannelOutput, ChannelParsedInput } from '../../shared/contract';
import type { AppContext } from './context';

export type Handlers = {
  [C in Channel]: (
    input: ChannelParsedInput<C>,
    ctx: AppContext,
    actor: ChannelActor<C>,
  ) => ChannelOutput<C> | Promise<ChannelOutput<C>>;
};

/** Every channel of one slice (the channels named `<slug>.*`), each exactly once. */
export type SliceHandlers<S extends string> = Pick<Handlers, Extract<Channel, `${S}.${string}`>>;
