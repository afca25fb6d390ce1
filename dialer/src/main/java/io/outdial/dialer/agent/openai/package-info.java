/**
 * Clients of OpenAI-compatible model servers over the JDK's HTTP client: the chat-completions agent
 * (vLLM, Ollama, llama.cpp server, OpenAI) and the Orpheus text-to-speech client. Both are
 * asynchronous, bounded by a timeout, and turn every server failure into an {@link
 * io.outdial.dialer.agent.AgentException}; neither ever logs its API key. {@link
 * io.outdial.dialer.agent.openai.ChatCompletionsAgentFactory} registers the agent as {@code
 * openai}.
 */
package io.outdial.dialer.agent.openai;
